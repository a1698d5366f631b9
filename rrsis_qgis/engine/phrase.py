"""Rule-based parser of referring phrases → Query (target, attributes, position, relation, landmark, …).

Deterministic, no network, no model; stdlib only so the plugin could use it too. Unknown words are
kept in the target, never an error. Developed on real RISBench train-split expressions
(tests/data/risbench_train_expressions.tsv): descriptions of the object's parts ("has a red
surface", "with its wings extending towards …") are set aside before the geometry is read.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import List, Optional, Tuple, Union

COLOURS = {"white", "black", "red", "green", "blue", "yellow", "grey", "gray", "brown", "orange", "purple",
           "dark", "light", "bright", "pink", "silver", "beige", "tan"}
SIZES = {"large", "small", "big", "tiny", "huge", "little", "long", "short", "wide", "narrow", "tall", "giant"}
SHAPES = {"round", "circular", "square", "rectangular", "oval", "curved", "straight", "l-shaped", "triangular",
          "elliptical", "elongated"}
MATERIALS = {"concrete", "metal", "metallic", "dirt", "grass", "grassy", "asphalt", "wooden", "sandy", "paved",
             "brick", "glass", "tiled", "bare"}
ATTRIBUTES = COLOURS | SIZES | SHAPES | MATERIALS
POSITION_WORDS = {"left", "right", "top", "bottom", "center", "centre", "middle", "upper", "lower", "north", "south",
                  "east", "west", "northern", "southern", "eastern", "western", "central", "midpoint", "midsection"}
PARTS = {"part", "side", "edge", "half", "area", "region", "section", "portion", "quadrant", "corner", "border",
         "margin", "position", "end", "location", "spot"}
IMAGE = {"image", "picture", "photo", "photograph", "scene", "frame", "view", "vicinity", "map", "tile", "axis"}
# what can open a noun phrase without being its noun: determiners, filler adjectives, comparison words
OPENERS = {"the", "a", "an", "this", "that", "these", "those", "its", "one", "another", "other", "distinct",
           "distinctive",
           "unique", "solitary", "slightly", "relatively", "colored", "coloured", "directly", "lone", "single", "only", "distinguishable", "visible", "prominent", "noticeable",
           "identifiable", "isolated", "particular", "entire", "two", "both", "most", "more", "very", "far", "extreme",
           "inner", "outer",
           "of", "leftmost", "rightmost", "topmost", "bottommost", "largest", "smallest", "biggest", "larger",
           "smaller", "bigger", "northernmost", "southernmost", "westernmost", "easternmost", "uppermost", "lowermost",
           "highest", "lowest", "first", "second", "third", "fourth", "fifth", "1st", "2nd", "3rd", "4th", "5th"}
VERBS = {"is", "are", "was", "were", "be", "being", "can", "could", "may", "appears", "appear", "seems", "lies", "lie",
         "sits", "sit", "stands", "stand", "has", "have", "having", "located", "positioned", "situated", "placed",
         "parked", "seen", "found", "lying", "sitting", "standing", "present", "docked", "moored", "oriented",
         "aligned", "extending", "extends", "spanning", "spans", "stretching", "stretches", "occupies", "occupying",
         "features", "featuring", "characterized", "crosses", "connecting", "connects", "covered", "compared",
         "surrounded", "bordered", "enclosed", "filled", "partially", "clearly", "centrally", "centered", "there",
         "exhibits", "exhibiting", "displays", "displaying", "shows", "showing", "blends"}
PREPOSITIONS = {"in", "at", "on", "near", "by", "with", "along", "towards", "toward", "to", "within", "from", "into",
                "across", "over", "under", "below", "above", "between", "beside", "next", "adjacent", "inside", "of",
                "and", "or", "but", "which", "that", "who", "where", "while", "than", "amidst", "amid", "among", "amongst",
                "around", "close", "closest", "nearest", "closer", "far", "farthest", "furthest", "away", "beyond",
                "underneath", "beneath", "upon", "atop", "besides", "alongside", "outside", "for", "as", "like"}
STOPS = VERBS | PREPOSITIONS | {","}
POSTNOMINAL = {"visible", "noticeable", "identifiable", "distinguishable", "prominent", "isolated", "alone", "only"}
GENERIC_TAILS = {"structure", "structures", "arena", "object", "facility", "facilities"}
# what a target stands on or in: "on the left side of the tarmac" is in its left part, "of the building" beside it
SURFACES = {"tarmac", "runway", "runways", "airstrip", "apron", "taxiway", "area", "lot", "field", "sea", "water", "lake",
            "river", "harbor", "harbour", "port", "bridge", "rooftop", "roof", "road", "highway", "street", "expressway",
            "dock", "pier", "yard", "ground", "island", "deck", "platform", "car park", "parking", "airport"}
GROUPS = {"body", "row", "line", "group", "column", "cluster", "pair", "set", "series", "fleet"}
ING_NOUNS = {"building", "buildings", "parking", "swimming", "crossing", "landing", "railing", "clearing", "housing",
             "ceiling", "shipping", "loading", "dwelling"}

_DIR = r"(?:top|upper|north|northern|bottom|lower|south|southern|left|west|western|right|east|eastern|center|middle|" \
       r"central|midpoint|midsection)"
_PART = r"(?:" + "|".join(sorted(PARTS)) + r")"
_VERTICAL = {"top": "top", "upper": "top", "north": "top", "northern": "top",
             "bottom": "bottom", "lower": "bottom", "south": "bottom", "southern": "bottom"}
_HORIZONTAL = {"left": "left", "west": "left", "western": "left", "right": "right", "east": "right", "eastern": "right"}
_CENTRE = {"center", "middle", "central", "midpoint", "midsection", "centrally", "centered", "midway"}
_ADJECTIVAL = {"upper", "lower", "northern", "southern", "western", "eastern", "central"}  # need a part noun after

SPANS_DROPPED = [  # set aside before anything is read: they describe extent or the object's own parts
    r"\b(?:starting |extending |spanning |stretching )?from (?:the |a )?[a-z ]{1,40}? (?:down |up |all the way )?"
    r"to(?:wards?)? (?:the |a )?(?:very |far )?(?:" + _DIR + r" ?){1,2}(?: " + _PART + r")?"
    r"(?: of the (?:image|frame))?",
    r"\bstarting from (?:the )?[a-z ]*?" + _PART + r"\b",
    r"\b(?:on|to|at) its (?:left|right|top|bottom|north|south|east|west)(?: side| end)?\b",
    r"\bits (?:" + _DIR + r" )+(?:" + _PART + r"|wing|wings|wingtip|tip)\b",
    r"\b(?:covered|characterized|recognizable|distinguishable|identifiable|bounded|obscured|formed|marked|"
    r"shadowed|framed) by [^,]*?(?=,|$| (?:in|at|on|near|towards?) the | (?:is|are|located|positioned|situated)\b)",
]
DESCRIPTIONS = re.compile(  # from one of these to the next comma or clause: what the object has, not where it is
    r"\b(?:has|have|having|features?|featuring|displays?|displaying|exhibits?|exhibiting|shows?|showing|"
    r"contrasting|indicating|due to|characterized|consisting|containing)\b[^,]*?"
    r"(?=,|$| and (?:is|are|occupies|located|positioned|situated|lies|sits|stands)\b)")
WITH_CLAUSE = re.compile(r"\bwith\b.*?(?=,|\b(?:is|are|located|positioned|situated|placed|parked|seen|found|can|"
                         r"lies|sits|stands|occupies|extends|crosses|spans|stretches|appears|beyond|which|that)\b|$)")

SUPERLATIVES = [
    (r"\b(largest|biggest|widest|longest|larger|bigger|most sizeable)\b", "largest"),
    (r"\b(smallest|tiniest|shortest|smaller|tinier)\b", "smallest"),
    (r"\b(leftmost|westernmost)\b", "leftmost"),
    (r"\b(rightmost|easternmost)\b", "rightmost"),
    (r"\b(topmost|uppermost|northernmost|highest)\b|\bat the top position\b", "topmost"),
    (r"\b(bottommost|lowest|southernmost|lowermost)\b|\bat the bottom position\b", "bottommost"),
    # "furthest to the left" is the left-most one; "furthest to the bottom-left corner" is a position (below)
    (r"\b(?:farthest|furthest|most) (?:to|on|towards?) the (?:left|west)\b(?! (?:top|bottom|upper|lower))", "leftmost"),
    (r"\b(?:farthest|furthest|most) (?:to|on|towards?) the (?:right|east)\b(?! (?:top|bottom|upper|lower))",
     "rightmost"),
    (r"\b(?:farthest|furthest|most) (?:to|on|towards?) the (?:top|north)\b(?! (?:left|right))(?: edge)?|"
     r"\b(?:farthest|furthest) up\b", "topmost"),
    (r"\b(?:farthest|furthest|most) (?:to|on|towards?) the (?:bottom|south)\b(?! (?:left|right))(?: edge)?|"
     r"\b(?:farthest|furthest) down\b", "bottommost"),
    (r"\b(?:closest|nearest|closer|nearer) to\b|\bmost closely (?:to|towards?)\b|\b(?:closest|nearest)(?= the\b)", "closest_to"),
    (r"\b(?:farthest|furthest|most distant) from\b", "farthest_from"),
]
DIAGONAL_RELATIONS = [  # "to the north-east of", "to the upper left of", "below and to the left of": both sides
    (rf"\b(?:to the |on the )?{v} ?{h}(?:ern)? (?:side )?of\b|\bto the (?:{v_words}) {h_word} (?:side )?of\b|"
     rf"\b{v_relation} and to the {h_word} of\b", f"{v}_{h}_of")
    for v, v_words, v_relation in (("north", "upper|top", "above"), ("south", "lower|bottom", "below"))
    for h, h_word in (("east", "right"), ("west", "left"))]
SPECIFIC_RELATIONS = [  # (pattern ending where the landmark starts, relation)
    (r"\bbetween\b", "between"),
    *DIAGONAL_RELATIONS,
    (r"\b(?:to the |on the |at the )?(?:far )?left (?:hand )?(?:side )?of\b", "left_of"),
    (r"\b(?:to the |on the |at the )?(?:far )?right (?:hand )?(?:side )?of\b", "right_of"),
    (r"\b(?:to the )?north of\b", "north_of"),
    (r"\b(?:to the )?south of\b", "south_of"),
    (r"\b(?:to the )?east of\b", "east_of"),
    (r"\b(?:to the )?west of\b", "west_of"),
    (r"\b(?:above|over|on top of|across)\b", "above"),
    (r"\b(?:below|under|underneath|beneath)\b", "below"),
    (r"\bcross(?:es|ing)(?: over)?(?= (?:the|a|an) )", "above"),  # "the bridge crosses the water"
    (r"\b(?:next to|beside|besides|alongside|adjacent to|parallel to|by the side of|bordered by|along|(?:docked|moored|tied|"
     r"berthed|anchored) (?:at|to|alongside))\b",
     "next_to"),
    (r"\b(?:near|close to|closely to|nearby|around|(?<!surrounded )(?<!enclosed )by|amidst|amid|amongst|in the vicinity of)\b", "near"),
    (r"\b(?:far from|away from|distant from|isolated from)\b", "far_from"),
]
CONTEXT_RELATIONS = [  # only when nothing more specific is said
    (r"\boccup(?:ies|ying|y) (?:a |an |the )?(?:[a-z]+ )?(?:portion|part|area|section|majority) of\b", "on"),
    (r"\b(?:near|at|in|towards?) the (?:center|middle) of\b", "inside"),
    (r"\b(?:inside|within|surrounded by|enclosed by|in)\b", "inside"),
    (r"\b(?:on|upon|atop)\b", "on"),
]
LANDMARK_PARTS = {"tip": "end", "tips": "end", "end": "end", "ends": "end", "head": "end", "extremity": "end",
                  "mouth": "end", "start": "end", "beginning": "end", "entrance": "end", "foot": "end", "edge": "edge", "edges": "edge", "border": "edge", "boundary": "edge",
                  "perimeter": "edge", "periphery": "edge", "outskirts": "edge", "fringe": "edge"}
_LANDMARK_PART = re.compile(r"^(?:the |a |an )?(?:very |far |outer |outermost )?(" + "|".join(LANDMARK_PARTS) +
                            r") of (?=\S)")
# "the other one", "the first one", "another": a second instance of the target, not a named landmark
_ANAPHORA = re.compile(r"^(?:the |a |an )?(?:(?:first|second|third|other|previous|former|latter|remaining|last|next|"
                       r"central|middle|left|right|top|bottom|upper|lower|larger|smaller|bigger|largest|smallest|"
                       r"leftmost|rightmost|topmost|bottommost) ones?|"
                       r"another one|one another|each other|(?:other|another|former|latter)(?= ,|$| (?:is|are|and|in|on|"
                       r"at|near|which|that|with)\b))\b")
LANDMARK_RANKS = SUPERLATIVES[:6] + [(r"\b(?:most extended|most prominent)\b", "largest")]
# a superlative right after one of these belongs to the landmark ("beside the larger pond"), not the target
_LANDMARK_LEAD = re.compile(r"\b(?:next to|beside|besides|near|by|close to|adjacent to|alongside|along|above|below|"
                            r"under|over|between|(?:left|right|north|south|east|west) of|of|to|from|on|at|in|into|"
                            r"and|among|amongst|around|surrounding|than|within|across) (?:the |a |an )?$")
_RELATION_LEAD = re.compile(r"\b(?:next to|beside|besides|near|close to|adjacent to|alongside|above|below|under|"
                            r"between|(?:left|right|north|south|east|west) of|and|than) (?:the |a |an )?$")
# "the left-most side of the street", "the bottom-most part of the image": a position (and the superlative)
_MOST_PART = re.compile(r"\b(leftmost|westernmost|rightmost|easternmost|topmost|uppermost|northernmost|bottommost|"
                        r"lowermost|southernmost) (?=(?:" + "|".join(sorted(PARTS - {"half", "position", "location", "spot"})) + r")\b)")
_MOST_SIDE = {"leftmost": "left", "westernmost": "left", "rightmost": "right", "easternmost": "right",
              "topmost": "top", "uppermost": "top", "northernmost": "top", "bottommost": "bottom",
              "lowermost": "bottom", "southernmost": "bottom"}
# where the object reaches, not where it is: dropped when another place is said ("at the bottom, extending
# towards the upper right corner"; "towards the right side from the center of the image")
EXTENT = re.compile(r"\b(?:extending|extends|stretching|stretches|reaching|reaches|pointing|points|leading|leads|"
                    r"heading|protruding|jutting) (?:out |further |slightly )?(?:towards?|to|into|off|beyond|past|"
                    r"up to|down to) (?:the |a )?(?:very |far )?(?:" + _DIR + r" ?){1,2}(?: " + _PART + r")?"
                    r"(?: of the (?:image|frame|picture|scene))?|"
                    r"(?:" + "|".join(rf"(?<=\b{w})" for w in ("left", "right", "top", "bottom", "side", "part",
                                                                 "edge", "corner", "portion", "section", "area")) +
                    r") from the "
                    r"(?:center|middle)(?: of the (?:image|frame|picture|scene))?\b")
# "the smaller ship …, closer to the center of the image": a second comparison, not where the object is
SECOND_CLOSER = re.compile(r"\b(?:closer|closest|nearer|nearest) to (?:the )?(?:image |frame )?(?:" + _DIR + r" ?){1,2}"
                           r"(?:" + _PART + r")?(?: of the (?:image|frame|picture|scene))?")
TOUCHED_EDGE = re.compile(r"\b(?:near|at|touching|touches|against|along|reaching|on) (the (?:very )?(?:" + _DIR +
                          r" ){1,2}(?:edge|border|boundary))\b")
INVERSE = {"above": "below", "below": "above", "left_of": "right_of", "right_of": "left_of", "north_of": "south_of",
           "south_of": "north_of", "east_of": "west_of", "west_of": "east_of", "north_east_of": "south_west_of",
           "south_west_of": "north_east_of", "north_west_of": "south_east_of", "south_east_of": "north_west_of"}
PRONOUNS = {"it", "them", "itself", "its"}
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
            "fifth": 5, "5th": 5}
ORDINAL_FROM = r"\b(first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th)\b(?: [a-z ]+?)? from the " \
               r"(left|right|top|bottom)\b"
# in this order: "bottom most left" → bottommost left, not bottom leftmost
TYPOS = [(re.compile(rf"\b{wrong}\b"), right) for wrong, right in [
    ("midle", "middle"), ("mid", "middle"), ("smll", "small"), ("centre", "center"), ("viewt", "view"),
    ("track and field", "track field"), (r"the(left|right|top|bottom|center|middle)", r"the \1"),
    (r"(left|right|top|bottom)of", r"\1 of"), ("left most", "leftmost"), ("right most", "rightmost"),
    ("top most", "topmost"), ("bottom most", "bottommost"), ("most bottom", "bottommost"), ("most top", "topmost"),
    ("most left", "leftmost"), ("most right", "rightmost"), ("l shaped", "l-shaped"), ("right hand", "right"),
    ("left hand", "left"), (r"(rectangular|round|circular|square|oval|triangular|elliptical|diamond) shaped", r"\1")]]


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
    frame: Optional[str] = None  # the object whose extent the position is inside ("the upper part of the dock")
    landmark_part: Optional[str] = None  # end | edge: the part of the landmark meant ("the tip of the pier")
    landmark_superlative: Optional[str] = None  # how the landmark itself is picked ("beside the larger pond")
    landmark_attributes: List[str] = field(default_factory=list)
    landmark_is_target: bool = False  # "next to the other one": another instance of the target is the landmark

    def as_dict(self) -> dict:
        return asdict(self)


def parse(text: str) -> Query:
    """Split a referring phrase into its parts; never raises on unknown words."""
    query = Query(text=text)
    norm = _normalise(text)
    body = _MOST_PART.sub(lambda m: f"{m.group(1)} {_MOST_SIDE[m.group(1)]} ", norm)  # the superlative read first
    dropped = []
    for pattern in SPANS_DROPPED:
        dropped += [m.group(0) for m in re.finditer(pattern, body)]
        body = _squash(re.sub(pattern, " ", body))
    body = _take_pronoun_relation(body, query)
    described = [m.group(0) for m in WITH_CLAUSE.finditer(body)]
    body = _squash(WITH_CLAUSE.sub(" ", body))
    # "with its top edge near the top border", "with its bounding box touching the right edge": still a place
    body = " , ".join([body] + [m.group(1) for said in described for m in TOUCHED_EDGE.finditer(said)])
    body = _take_ordinal(body, query)
    body = _take_superlative(body, query)
    if query.superlative is None:  # "with a relatively smaller size" compares the object itself
        _take_superlative(" ".join(m for m in described if re.search(r"\b(size|area)\b", m)), query)
    for said in dropped + described:  # "identifiable by being the uppermost crane"
        for m in re.finditer(r"\b(?:as|being) the [a-z ]+", said):
            if query.superlative is None:
                _take_superlative(m.group(0), query)
    if query.superlative not in (None, "closest_to", "farthest_from"):
        body = _squash(SECOND_CLOSER.sub(" ", body))
    described += [m.group(0) for m in DESCRIPTIONS.finditer(body)]
    body = _squash(DESCRIPTIONS.sub(" ", body))
    if query.relation is None:
        body = _take_relation(body, query)
    body = _take_position(_without_extent(body), query)
    head, head_attributes = _target(norm)
    # what the object has ("a red surface") lends its colour or material, not its size ("a long pier")
    rest = [w for w in body.split() if w in ATTRIBUTES] + \
        [w for w in " ".join(described).split() if w in COLOURS | MATERIALS] + \
        [w for w in re.findall(r"\b([a-z-]+) shape\b", " ".join(described)) if w in SHAPES]
    query.attributes = _unique(head_attributes + rest)
    query.target = head or " ".join(query.attributes) or norm
    if query.relation and isinstance(query.landmark, str) and query.landmark.split()[-1:] and \
            _singular(query.landmark.split()[-1]) == _singular(query.target.split()[-1]):
        query.landmark_is_target = True  # "the tank next to the other tank"
    if query.landmark_is_target and query.landmark == "one":
        query.landmark = query.target
    if query.landmark_is_target and query.relation in ("inside", "on"):
        query.relation = query.landmark = None  # "the bottom-most one in the cluster of vehicles": no other object
        query.landmark_is_target = False
    return query


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _normalise(text: str) -> str:
    text = str(text).lower().replace("’", "'")
    text = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", text)  # top-left → top left, left-most → left most
    text = re.sub(r"'s\b", "", text)  # the image's edge → the image edge
    text = re.sub(r"[^a-z0-9,; ]+", " ", text).replace(";", ",")
    text = " ".join(text.replace(",", " , ").split())
    for wrong, right in TYPOS:
        text = wrong.sub(right, text)
    return text


def _squash(text: str) -> str:
    text = " ".join(text.split())
    return re.sub(r"(?:, )+,", ",", text).strip(" ,")


def _without_extent(text: str) -> str:
    """The text without where the object reaches to, when it still says where the object is."""
    trimmed = _squash(EXTENT.sub(" ", text))
    if trimmed == text:
        return text
    probe = Query(text="")
    _take_position(trimmed, probe)
    return trimmed if probe.position else text


def _take_pronoun_relation(text: str, q: Query) -> str:
    """"The road beneath it", "with a pool next to it": the thing named before the relation is the landmark, and
    the target is on the other side of it."""
    for pattern, name in SPECIFIC_RELATIONS:
        for m in re.finditer(pattern, text):
            pronoun = re.match(r" (?:it|them)\b", text[m.end():])
            openings = [o for o in re.finditer(r"\b(?:the|a|an|some)\b", text[:m.start()]) if o.start() > 0]
            if name == "between" or not pronoun or not openings:
                continue
            landmark, rest = _landmark_phrase(text[openings[-1].start():m.start()])
            if not landmark or _is_place(landmark) or set(rest.split()) - VERBS - {"that", "which", "just", "right"}:
                continue
            q.relation, q.landmark = INVERSE.get(name, name), landmark
            q.landmark_attributes = [w for w in landmark.split() if w in ATTRIBUTES]
            return _squash(text[:openings[-1].start()] + " " + text[m.end() + pronoun.end():])
    return text


def _take_ordinal(text: str, q: Query) -> str:
    m = re.search(ORDINAL_FROM, text)
    if m:
        q.ordinal, q.ordinal_from = ORDINALS[m.group(1)], m.group(2)
        head = re.sub(rf"^.*?\b{m.group(1)}\b", "", text[:m.end()])  # "second [tank] from the left"
        head = re.sub(r" from the (left|right|top|bottom)$", "", head)
        return _squash(text[:m.start()] + " " + head + " " + text[m.end():])
    return text


def _take_superlative(text: str, q: Query) -> str:
    found = []
    for pattern, name in SUPERLATIVES:
        for m in re.finditer(pattern, text):
            found.append((m.start(), m, name))
    for _, m, name in sorted(found, key=lambda f: f[0]):  # the first one said wins
        if text[:m.start()].endswith("one of the "):
            continue  # "one of the longest vessels" singles nothing out
        lead = _LANDMARK_LEAD if name in ("largest", "smallest") else _RELATION_LEAD  # "at the bottom-most spot"
        if name not in ("closest_to", "farthest_from") and lead.search(text[:m.start()]) and \
                _names_an_object(text[m.end():]):
            continue  # "beside the larger pond": the pond's, read with the landmark
        if name not in ("closest_to", "farthest_from"):
            q.superlative = name
            return _squash(text[:m.start()] + " " + text[m.end():])
        after = _landmark_details(text[m.end():], q)
        ref, rest = _landmark_phrase(after, keep_parts=True)
        words = set(ref.split())
        directions = words & POSITION_WORDS
        if not words - PARTS - IMAGE - {"the", "a", "an", "of", "very"}:
            continue  # "closest to the image edge": says nothing
        if directions and words & (PARTS - {"edge", "side", "border", "corner", "boundary", "end"}):
            continue  # "closer to the center top part of the image" is a position
        q.superlative, q.superlative_ref = name, _strip_article(ref) or None
        if "corner" in words:  # "closest to the top left corner": keep the corner as the position too
            return _squash(text[:m.start()] + " " + text[m.end():])
        return _squash(text[:m.start()] + " " + rest)
    return text


def _names_an_object(text: str) -> bool:
    """True when ``text`` opens with an object's noun phrase ("pond …"), not a place ("position in the image")."""
    words = _landmark_phrase(text)[0].split()
    return bool(words) and not _is_place(" ".join(words)) and not set(words) <= PARTS | POSITION_WORDS | {"one", "ones"}


def _take_relation(text: str, q: Query) -> str:
    for patterns in (SPECIFIC_RELATIONS, CONTEXT_RELATIONS):
        found = sorted(((m.start(), m, name) for pattern, name in patterns for m in re.finditer(pattern, text)
                        if m.start() > 0), key=lambda f: (f[0], -len(f[1].group(0))))
        for _, m, name in found:
            done = _relation_at(text, m, name, q)
            if done is not None:
                return done
    return text


def _relation_at(text: str, m, name: str, q: Query) -> Optional[str]:
    after = text[m.end():]
    if name == "between":
        parts = re.split(r"\band\b", after, maxsplit=1)
        landmarks = [_landmark_phrase(p)[0] for p in parts[:2]]
        rest = _landmark_phrase(parts[-1])[1] if len(parts) > 1 else _landmark_phrase(after)[1]
        landmarks = [lm for lm in landmarks if lm and not _is_place(lm)]
        if not landmarks:
            return None
        if len(landmarks) == 1 and (re.search(r"\b(two|both)\b", after) or landmarks[0].endswith("s")):
            landmarks = landmarks * 2  # "between the two tanks", "between the agricultural plots"
        q.relation, q.landmark = name, landmarks
        return _squash(text[:m.start()] + " " + rest)
    if name in ("inside", "on") and re.search(r"\b" + _DIR + r"(?: " + _PART + r")?\s*$", text[:m.start()]):
        return None  # "the lower-left corner within the service area": the area frames the position
    if after.split()[:1] and after.split()[0] in PRONOUNS:
        return None  # "next to it" with nothing named before; "by its white roof" is the object's own part
    anaphora = _ANAPHORA.match(after.lstrip())
    if anaphora:
        q.relation, q.landmark, q.landmark_is_target = name, "one", True
        return _squash(text[:m.start()] + " " + after.lstrip()[anaphora.end():])
    details = Query(text="")
    landmark, rest = _landmark_phrase(_landmark_details(after, details))
    if not landmark or _is_place(landmark):
        return None  # "on the left (of the image)" is a position, handled there
    if name in ("left_of", "right_of") and re.search(r"\b(top|bottom|upper|lower|middle|center)\s*$", text[:m.start()]):
        return None  # "the bottom-left side of the river" names a corner
    if name in ("left_of", "right_of") and " side " in m.group(0) and landmark.split()[-1] in SURFACES and \
            (m.group(0).startswith(("on ", "at ")) or text[:m.start()].endswith(("in the ", "on the ", "at the "))):
        return None  # "parked on the left side of the tarmac": on the tarmac, in its left part (a frame)
    q.relation, q.landmark = name, landmark
    q.landmark_part, q.landmark_superlative = details.landmark_part, details.landmark_superlative
    q.landmark_attributes = details.landmark_attributes
    return _squash(text[:m.start()] + " " + rest)


def _landmark_details(after: str, q: Query) -> str:
    """Read the landmark's own part ("the tip of"), superlative and attributes into ``q``; the text without
    the part, so the landmark is the object ("the tip of the pier" → pier)."""
    after = after.lstrip()
    part = _LANDMARK_PART.match(after)
    if part:
        q.landmark_part = LANDMARK_PARTS[part.group(1)]
        after = after[part.end():]
    phrase = _landmark_phrase(after, keep_parts=True)[0] or after
    opening = " ".join(after.split()[:len(phrase.split()) + 2])
    for pattern, name in LANDMARK_RANKS:
        if re.search(pattern, opening):
            q.landmark_superlative = name
            break
    q.landmark_attributes = [w for w in phrase.split() if w in ATTRIBUTES]
    return re.sub(r"^((?:the |a |an )?)most (?:extended|prominent) ", r"\1", after)


def _is_place(phrase: str) -> bool:
    """True when a would-be landmark only names a part of the image ("the top edge", "the image")."""
    words = set(phrase.split())
    if words & IMAGE:
        return True
    return words <= POSITION_WORDS | PARTS | {"its", "it", "this", "one", "other", "very", "far"} and \
        bool(words & (POSITION_WORDS | {"edge", "corner", "side", "border", "margin", "end"}))


def _landmark_phrase(text: str, keep_parts: bool = False) -> Tuple[str, str]:
    """The noun phrase at the start of ``text`` (articles and filler dropped) and what follows it."""
    words, taken, i = text.split(), [], 0
    while i < len(words):
        w = words[i]
        if w == "of" and taken and not keep_parts and set(taken) & POSITION_WORDS and taken[-1] in PARTS:
            return "", text  # "the top-left corner of the road" is a position, not a road
        if w == "of" and taken and not keep_parts and taken[-1] in PARTS | GROUPS:
            taken = []  # "the darker section of the road" → road, "a body of water" → water
        elif w == "of" and keep_parts and taken:
            taken.append(w)  # "the top edge of the image" stays whole for edge_of()
        elif w in STOPS or w in VERBS or (taken and w.endswith("ing") and w not in ING_NOUNS and
                                          not _modifies(words[i + 1:])):
            break
        elif not (not taken and w in OPENERS):
            taken.append(w)
        i += 1
    return " ".join(taken).strip(), " ".join(words[i:])


def _modifies(rest: List[str]) -> bool:
    """True when an -ing word is followed by its noun ("an elliptical running track"), not by a clause."""
    return bool(rest) and rest[0] not in STOPS and rest[0] not in VERBS and not rest[0].endswith("ing")


def _take_position(text: str, q: Query) -> str:
    """Every image-position mention (one phrase or several: "at the top, on the far left") → one region."""
    vertical = horizontal = None
    centre = of_image = False
    spans = []
    for m in _POSITION.finditer(text):
        words = [w for w in m.group(0).split() if w in POSITION_WORDS or w in _CENTRE]
        if not words or (len(words) == 1 and words[0] in _ADJECTIVAL and not re.search(_PART + r"\b", m.group(0))):
            continue  # "the central terminal", "the upper building" are not positions
        if len({_VERTICAL.get(w) for w in words} - {None}) > 1 or len({_HORIZONTAL.get(w) for w in words} - {None}) > 1:
            continue  # "spanning west-east", "from top to bottom": an orientation, not a place
        start, end = m.span()
        frame = re.match(r" (?:of|within|inside) (?=\S)", text[end:])
        name, rest = _landmark_phrase(text[end + frame.end():]) if frame else ("", "")
        if name and _is_place(name):
            of_image = True
        elif name and of_image and q.frame is None:
            # "in the middle right of the image near the top edge of the service area": the image's place, and
            # the area is a landmark the object is near, not a second frame for the same position
            if q.relation is None:
                q.relation, q.landmark = "near", name
                q.landmark_part = "edge" if re.search(r"\b(?:edge|side|border|boundary)\b", m.group(0)) else None
            spans.append((start, len(text) - len(rest)))
            continue
        elif name and q.frame is None:
            q.frame, end = name, len(text) - len(rest)
        for w in words:
            if w in _VERTICAL and vertical is None:
                vertical = _VERTICAL[w]
            elif w in _HORIZONTAL and horizontal is None:
                horizontal = _HORIZONTAL[w]
            elif w in _CENTRE:
                centre = True
        spans.append((start, end))
    if not spans:
        return text
    if vertical and horizontal:
        q.position = f"{vertical}-{horizontal}"
    elif vertical:
        q.position = f"{vertical}-middle" if centre else vertical
    elif horizontal:
        q.position = f"middle-{horizontal}" if centre else horizontal
    else:
        q.position = "center"
    for start, end in reversed(spans):
        text = text[:start] + " " + text[end:]
    return _squash(text)


_POSITION = re.compile(
    r"\b(?:in|at|on|near|towards?|to|along|by|from|beyond|across)? ?the (?:very |far |extreme |most )?"
    rf"{_DIR}(?: {_DIR})?(?: {_PART})?\b|"
    rf"\b{_DIR}(?: {_DIR})? {_PART}\b|\b{_DIR} {_DIR}\b|\bfar (?:left|right)\b|"
    r"\b(?:centrally|centered|midway|in top of)\b")


def _target(text: str) -> Tuple[str, List[str]]:
    """The target noun phrase at the start of the phrase, and the attributes said inside it."""
    text = re.sub(r"^(?:there (?:is|are) |one of |in the image ,? )", "", text)
    if re.match(r"(?:in|at|on|near|towards?|directly|just|to|located|positioned|situated) ", text):
        # "in the top-right portion, the small ship is …"; "in the bottom-right corner of the image lies a ship …"
        m = re.search(r", (?:there (?:is |are )?)?(?=(?:a|an|the) )", text) or \
            re.search(r"\b(?:lies|lie|sits|stands|is|are) (?=(?:a|an|the) )", text)
        text = text[m.end():] if m else text
    taken, attributes = _noun_words(text.split())
    if taken and taken[-1] in {"object", "one", "item", "thing", "feature"}:  # "the object … is a small airport"
        m = re.search(r"\b(?:is|are) (?:a|an) ", text)
        if m:
            taken, attributes = _noun_words(text[m.end():].split())
    while len(taken) > 1 and taken[-1] in GENERIC_TAILS and not taken[-2].endswith("ed"):
        taken.pop()  # "the harbor structure" → harbor
    return " ".join(taken), attributes


def _noun_words(words: List[str]) -> Tuple[List[str], List[str]]:
    taken, attributes = [], []
    for i, w in enumerate(words):
        if w in ATTRIBUTES or (not taken and w in OPENERS | VERBS):
            if w in ATTRIBUTES:
                attributes.append(w)
            continue
        followed = words[i + 1] if i + 1 < len(words) else ""
        participle = taken and (w.endswith("ed") or w.endswith("ing") and (
            w not in ING_NOUNS or followed in {"over", "the", "a", "an", "through"}))  # "the bridge crossing over"
        if w in STOPS or w in POSITION_WORDS or w.isdigit() or w in IMAGE or w in POSTNOMINAL or participle:
            if taken:
                break
            continue
        taken.append(w)
    return taken, attributes


def _strip_article(text: str) -> str:
    return re.sub(r"^(the|a|an) ", "", text.strip())


def _unique(items: list) -> list:
    seen, out = set(), []
    for item in items:
        item = "grey" if item == "gray" else item
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out
