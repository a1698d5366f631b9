"""Rule-based parser of referring phrases → Query (target, attributes, position, relation, landmark, …).

Deterministic, no network, no model; stdlib only so the plugin could use it too. Unknown words are
kept in the target, never an error.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import List, Optional, Union

COLOURS = {"white", "black", "red", "green", "blue", "yellow", "grey", "gray", "brown", "orange", "purple",
           "dark", "light", "bright", "pink", "silver", "beige", "tan"}
SIZES = {"large", "small", "big", "tiny", "huge", "little", "long", "short", "wide", "narrow", "tall", "giant"}
SHAPES = {"round", "circular", "square", "rectangular", "oval", "curved", "straight", "l-shaped", "triangular"}
MATERIALS = {"concrete", "metal", "metallic", "dirt", "grass", "grassy", "asphalt", "wooden", "sandy", "paved",
             "brick", "glass", "tiled", "bare"}
ATTRIBUTES = COLOURS | SIZES | SHAPES | MATERIALS
FILLER = {"the", "a", "an", "this", "that", "one", "image", "picture", "photo", "scene", "of", "is", "which",
          "located", "positioned", "situated", "lying", "sitting", "standing", "placed", "found", "seen", "there",
          "visible", "it", "its", "in", "at", "on", "to", "part", "side", "area", "region", "corner", "edge", "with",
          "towards", "toward", "section", "portion"}

POSITIONS = [  # (pattern, position); most specific first
    (r"(top|upper) left|north ?west|left top", "top-left"),
    (r"(top|upper) right|north ?east|right top", "top-right"),
    (r"(bottom|lower) left|south ?west|left bottom", "bottom-left"),
    (r"(bottom|lower) right|south ?east|right bottom", "bottom-right"),
    # the middle of an edge ("middle-right" is the right edge's middle, not the image centre)
    (r"\b(middle|center|centre) right\b|\bright (middle|center|centre)\b", "middle-right"),
    (r"\b(middle|center|centre) left\b|\bleft (middle|center|centre)\b", "middle-left"),
    (r"\b(top|upper) (middle|center|centre)\b|\b(middle|center|centre) (top|upper)\b", "top-middle"),
    (r"\b(bottom|lower) (middle|center|centre)\b|\b(middle|center|centre) (bottom|lower)\b", "bottom-middle"),
    (r"(center|centre|middle)", "center"),
    (r"\b(top|upper|north(ern)?) (part|side|edge|half|area|region)|\bat the top\b|\bon top of the image|"
     r"\bin the north\b|\b(top|upper|northern)\b(?= of the image)", "top"),
    (r"\b(bottom|lower|south(ern)?) (part|side|edge|half|area|region)|\bat the bottom\b|\bin the south\b|"
     r"\b(bottom|lower|southern)\b(?= of the image)", "bottom"),
    (r"\b(left|west(ern)?) (part|side|edge|half|area|region)|\bon the left\b(?! of)|\bin the west\b|"
     r"\b(left|western)\b(?= of the image)", "left"),
    (r"\b(right|east(ern)?) (part|side|edge|half|area|region)|\bon the right\b(?! of)|\bin the east\b|"
     r"\b(right|eastern)\b(?= of the image)", "right"),
]
RELATIONS = [  # (pattern ending where the landmark starts, relation)
    (r"\bbetween\b", "between"),
    (r"\b(to the |on the |at the )?left (side )?of\b", "left_of"),
    (r"\b(to the |on the |at the )?right (side )?of\b", "right_of"),
    (r"\bnorth of\b|\bto the north of\b", "north_of"),
    (r"\bsouth of\b|\bto the south of\b", "south_of"),
    (r"\beast of\b|\bto the east of\b", "east_of"),
    (r"\bwest of\b|\bto the west of\b", "west_of"),
    (r"\b(above|over|on top of)\b", "above"),
    (r"\b(below|under|underneath|beneath)\b", "below"),
    (r"\b(next to|beside|besides|alongside|adjacent to|by the side of)\b", "next_to"),
    (r"\b(near|close to|nearby|around|by)\b(?! the (top|bottom|left|right) edge)", "near"),
    (r"\b(far from|away from|distant from)\b", "far_from"),
    (r"\b(inside|within|surrounded by|enclosed by)\b", "inside"),
    (r"\b(on|upon|atop)\b(?= (a|an|the) )", "on"),
]
SUPERLATIVES = [
    (r"\b(largest|biggest|widest|longest)\b", "largest"),
    (r"\b(smallest|tiniest|shortest)\b", "smallest"),
    (r"\b(leftmost|left-most|westernmost)\b", "leftmost"),
    (r"\b(rightmost|right-most|easternmost)\b", "rightmost"),
    (r"\b(topmost|uppermost|top-most|northernmost)\b", "topmost"),
    (r"\b(bottommost|lowest|bottom-most|southernmost|lowermost)\b", "bottommost"),
    # "furthest to the left" is the left-most one, not the one farthest from something called "left"
    (r"\b(farthest|furthest) (to|on|towards) the (left|west)\b", "leftmost"),
    (r"\b(farthest|furthest) (to|on|towards) the (right|east)\b", "rightmost"),
    (r"\b(farthest|furthest) (to|on|towards) the (top|north)\b|\b(farthest|furthest) up\b", "topmost"),
    (r"\b(farthest|furthest) (to|on|towards) the (bottom|south)\b|\b(farthest|furthest) down\b", "bottommost"),
    (r"\b(closest|nearest) to\b", "closest_to"),
    (r"\b(farthest|furthest|most distant) (from|to)\b", "farthest_from"),
]
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
            "fifth": 5, "5th": 5}
ORDINAL_FROM = r"\b(first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th)\b(?: [a-z ]+?)? from the (left|right|top|bottom)\b"
CLAUSE_BREAK = re.compile(r",|;|\b(which|that|who|whose) (is|are|has|have|looks?)\b|\b(and|with) (it )?(has|have)\b|"
                          r"\bwith (a|an)\b")
POSITION_WORDS = {"left", "right", "top", "bottom", "center", "centre", "middle", "upper", "lower", "north", "south",
                  "east", "west"}


@dataclass
class Query:
    text: str
    target: str = ""
    attributes: List[str] = field(default_factory=list)
    position: Optional[str] = None
    relation: Optional[str] = None
    landmark: Optional[Union[str, List[str]]] = None
    superlative: Optional[str] = None
    superlative_ref: Optional[str] = None  # what "closest to" / "farthest from" refers to
    ordinal: Optional[int] = None
    ordinal_from: Optional[str] = None  # left | right | top | bottom

    def as_dict(self) -> dict:
        return asdict(self)


def parse(text: str) -> Query:
    """Split a referring phrase into its parts; never raises on unknown words."""
    query = Query(text=text)
    norm = _normalise(text)
    main, _, tail = _split_clause(norm)
    main = _take_ordinal(main, query)
    main = _take_superlative(main, query)
    main = _take_relation(main, query)
    main = _take_position(main, query)
    words = [w for w in main.split() if w]
    query.attributes = _unique([w for w in words if w in ATTRIBUTES] + [w for w in tail.split() if w in ATTRIBUTES])
    query.target = _noun_phrase(" ".join(w for w in words if w not in ATTRIBUTES))
    if not query.target:  # "the white one" → keep what there is
        query.target = " ".join(query.attributes) or norm
    return query


def _normalise(text: str) -> str:
    text = str(text).lower().replace("’", "'")
    text = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", text)  # top-left → top left, left-most → left most
    text = text.replace("left most", "leftmost").replace("right most", "rightmost").replace("top most", "topmost")
    text = text.replace("bottom most", "bottommost").replace("l shaped", "l-shaped")
    text = re.sub(r"[^a-z0-9,;' ]+", " ", text)
    return " ".join(text.split())


def _split_clause(text: str) -> tuple:
    m = CLAUSE_BREAK.search(text)
    if not m or m.start() == 0:
        return text, "", ""
    return text[:m.start()].strip(" ,;"), m.group(0), text[m.end():]


def _take_ordinal(text: str, q: Query) -> str:
    m = re.search(ORDINAL_FROM, text)
    if m:
        q.ordinal, q.ordinal_from = ORDINALS[m.group(1)], m.group(2)
        head = re.sub(rf"^.*?\b{m.group(1)}\b", "", text[:m.end()])  # "second [tank] from the left"
        head = re.sub(r" from the (left|right|top|bottom)$", "", head)
        return (text[:m.start()] + " " + head + " " + text[m.end():]).strip()
    return text


def _take_superlative(text: str, q: Query) -> str:
    for pattern, name in SUPERLATIVES:
        m = re.search(pattern, text)
        if not m:
            continue
        q.superlative = name
        if name in ("closest_to", "farthest_from"):
            ref, rest = _landmark_phrase(text[m.end():])
            q.superlative_ref = re.sub(r"^(the|a|an) ", "", ref) or None
            return (text[:m.start()] + " " + rest).strip()
        return (text[:m.start()] + " " + text[m.end():]).strip()
    return text


def _take_relation(text: str, q: Query) -> str:
    best = None
    for pattern, name in RELATIONS:
        m = re.search(pattern, text)
        if m and m.start() > 0 and (best is None or m.start() < best[0].start()):
            best = (m, name)
    if best is None:
        return text
    m, name = best
    after = text[m.end():]
    if name == "between":
        parts = re.split(r"\band\b", after, maxsplit=1)
        landmarks = [_noun_phrase(_landmark_phrase(p)[0]) for p in parts]
        rest = _landmark_phrase(parts[-1])[1] if len(parts) > 1 else ""
        landmarks = [lm for lm in landmarks if lm]
        if len(landmarks) == 1 and re.search(r"\b(two|both)\b", after):
            landmarks = landmarks * 2  # "between the two tanks"
        q.relation, q.landmark = name, landmarks or None
        return (text[:m.start()] + " " + rest).strip()
    landmark, rest = _landmark_phrase(after)
    landmark = _noun_phrase(landmark)
    if not landmark or set(landmark.split()) <= POSITION_WORDS | {"image", "picture"}:
        return text  # "on the left (of the image)" is a position, handled there
    q.relation, q.landmark = name, landmark
    return (text[:m.start()] + " " + rest).strip()


def _take_position(text: str, q: Query) -> str:
    for pattern, name in POSITIONS:
        m = re.search(pattern, text)
        if m:
            q.position = name
            return (text[:m.start()] + " " + text[m.end():]).strip()
    return text


def _landmark_phrase(text: str) -> tuple:
    """The noun phrase at the start of ``text`` and what follows it (a later position phrase)."""
    stop = re.search(r"\b(in|at|on|near|positioned|located|situated)\b (the )?(top|bottom|left|right|upper|lower|"
                     r"center|centre|middle)", text)
    if stop:
        return text[:stop.start()].strip(), text[stop.start():]
    return text.strip(), ""


def _noun_phrase(text: str) -> str:
    words = [w for w in text.split() if w not in FILLER]
    words = [w for w in words if not w.isdigit() and w not in ("two", "both", "other", "another")]
    return " ".join(words).strip()


def _unique(items: list) -> list:
    seen, out = set(), []
    for item in items:
        item = "grey" if item == "gray" else item
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out
