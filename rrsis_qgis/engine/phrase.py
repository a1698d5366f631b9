"""Rule-based parser of referring phrases → Query (target, attributes, position, relation, landmark, …).

Deterministic, no network, no model; stdlib only so the plugin could use it too. Unknown words are
kept in the target, never an error. Developed on real RISBench train-split expressions
(tests/data/risbench_train_expressions.tsv): descriptions of the object's parts ("has a red
surface", "with its wings extending towards …") are set aside before the geometry is read. Relations and landmarks
are read in phrase_landmarks; the vocabulary is in phrase_words.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import List, Optional, Tuple, Union

from .phrase_landmarks import (ADVERB, is_place, landmark_details, landmark_phrase, take_pronoun_relation,
                               take_relation, take_side_relation)
from .phrase_words import (ATTRIBUTES, COLOURS, GENERIC_TAILS, IMAGE, ING_NOUNS, MATERIALS, OPENERS, PARTS,
                           POSITION_WORDS, POSTNOMINAL, SHAPES, STOPS, SUPERLATIVES, VERBS, ADJECTIVAL, CENTRE_WORDS,
                           DIRECTION_RE, HORIZONTAL, PART_RE, VERTICAL, squash, strip_article)

SPANS_DROPPED = [  # set aside before anything is read: they describe extent or the object's own parts
    r"\b(?:starting |extending |spanning |stretching )?from (?:the |a )?[a-z ]{1,40}? (?:down |up |all the way )?"
    r"to(?:wards?)? (?:nearly |almost |about )?(?:the |a )?(?:very |far )?(?:" + DIRECTION_RE + r" ?){1,2}(?: " + PART_RE +
    r")?"
    r"(?: of the (?:image|frame))?",
    r"\bstarting from (?:the )?[a-z ]*?" + PART_RE + r"\b",
    # "just outside the central boundary": not there ("partially outside the left boundary" is at that edge)
    r"(?<!partially )(?<!partly )\boutside (?:of )?the (?:" + DIRECTION_RE + r" )?" + PART_RE +
    r"(?: of the (?:image|frame|picture|scene))?",
    r"\b(?:away|far) from the (?:very )?(?:" + DIRECTION_RE + r" ?){1,2}(?: " + PART_RE + r"| border| boundary)?"
    r"(?: of the (?:image|frame|picture|scene))?(?= ,|$| and\b)",
    r"\b(?:further|farther) (?:to|towards) the (?:left|right|top|bottom)(?= (?:on|in|along|within) (?:the|a|an) |$)",
    # "connecting the middle-left to the center area of the image": what it spans, not where it is
    r"\bconnect(?:s|ing) (?:the )?(?:" + DIRECTION_RE + r" ?){1,2}(?: " + PART_RE + r")? (?:to|and|with) (?:the )?"
    r"(?:" + DIRECTION_RE + r" ?){1,2}(?: " + PART_RE + r")?(?: of the (?:image|frame|picture|scene))?",
    r"\b(?:on|to|at) its (?:left|right|top|bottom|north|south|east|west)(?: side| end)?\b",
    r"\bits (?:" + DIRECTION_RE + r" )+(?:" + PART_RE + r"|wing|wings|wingtip|tip)\b",
    r"\b(?:covered|characterized|recognizable|distinguishable|identifiable|bounded|obscured|formed|marked|outlined|"
    r"shadowed|framed) by [^,]*?(?=,|$| (?:in|at|on|near|towards?) the | (?:and )?(?:is|are|located|positioned|"
    r"situated|occupies|lies|sits|stands)\b)",
]
SPANS_DROPPED = [re.compile(pattern) for pattern in SPANS_DROPPED]
DESCRIPTIONS = re.compile(  # from one of these to the next comma or clause: what the object has, not where it is
    r"\b(?:has|have|having|features|featuring|displays?|displaying|exhibits?|exhibiting|shows?|showing|"
    r"contrasting|indicating|due to|characterized|consisting|containing)\b[^,]*?"
    r"(?=,|$| and (?:is|are|occupies|located|positioned|situated|lies|sits|stands|crosses|spans|extends|runs)\b)")
# "aligned with other vehicles", "in line with the pier" are relations, not what the object has
WITH_CLAUSE = re.compile(r"(?<!aligned )(?<!line )(?<!level )(?<!contact )(?<!row )(?<!enclosed )\bwith\b"
                         r"(?! its (?:back|nose|front|tail) (?:towards?|to)\b).*?"
                         r"(?=,|\b(?:and )?(?:is|are|located|positioned|situated|"
                         r"placed|parked|seen|found|can|lies|sits|stands|occupies|occupying|extends|crosses|crossing|"
                         r"spans|"
                         r"spanning|stretches|appears|beyond|which|that|surrounded|enclosed|encircled|bordered|flanked)\b|$)")

# a superlative right after one of these belongs to the landmark ("beside the larger pond"), not the target
_LANDMARK_LEAD = re.compile(r"\b(?:next to|beside|besides|near|by|close to|adjacent to|alongside|along|above|below|"
                            r"under|over|between|(?:left|right|north|south|east|west) of|of|to|from|on|at|in|into|"
                            r"and|among|amongst|around|surrounding|than|within|across) (?:the |a |an )?$")
_RELATION_LEAD = re.compile(r"\b(?:next to|beside|besides|near|close to|adjacent to|alongside|above|below|under|"
                            r"between|(?:left|right|north|south|east|west)(?:wards?)? of|and|than|"
                            r"(?:docked|moored|berthed|anchored|tied) (?:at|to|alongside)) (?:the |a |an )?$")
# "the left-most side of the street", "the bottom-most part of the image": a position (and the superlative)
_MOST_PART = re.compile(r"\b(leftmost|westernmost|rightmost|easternmost|topmost|uppermost|northernmost|bottommost|"
                        r"lowermost|southernmost) (?=(?:" +
                        "|".join(sorted(PARTS - {"half", "position", "location", "spot"} | {"boundary"})) + r")\b|"
                        r"of the (?:image|frame|picture|scene)\b)")
_MOST_SIDE = {"leftmost": "left", "westernmost": "left", "rightmost": "right", "easternmost": "right",
              "topmost": "top", "uppermost": "top", "northernmost": "top", "bottommost": "bottom",
              "lowermost": "bottom", "southernmost": "bottom"}
# where the object reaches, not where it is: dropped when another place is said ("at the bottom, extending
# towards the upper right corner"; "towards the right side from the center of the image")
EXTENT = re.compile(r"\b(?:extending|extends|stretching|stretches|spanning|spans|reaching|reaches|pointing|points|"
                    r"leading|leads|"
                    r"heading|protruding|jutting) (?:out |further |slightly |more )?(?:towards?|to|into|off|beyond|past|"
                    r"up to|down to) (?:the |a )?(?:very |far )?(?:" + DIRECTION_RE + r" ?){1,2}(?: " + PART_RE + r")?"
                    r"(?: of the (?:image|frame|picture|scene))?|"
                    r"(?:" + "|".join(rf"(?<=\b{w})" for w in ("left", "right", "top", "bottom", "side", "part",
                                                                 "edge", "corner", "portion", "section", "area")) +
                    r") from the "
                    r"(?:center|middle)(?: of the (?:image|frame|picture|scene))?\b")
# "the smaller ship …, closer to the top edge": a second comparison, not where the object is (a region of the image,
# "closer to the center of the image", is still where it is)
SECOND_CLOSER = re.compile(r"\b(?:closer|closest|nearer|nearest) to (?:the )?(?:image |frame )?"
                           r"(?:" + DIRECTION_RE + r" ?){1,2}"
                           r"(?:" + PART_RE + r")?(?: of the (?:image|frame|picture|scene))?")
TOUCHED_EDGE = re.compile(r"\b(?:near|at|touching|touches|against|along|reaching|on) "
                          r"(the (?:very )?(?:" + DIRECTION_RE +
                          r" ){1,2}(?:edge|border|boundary))\b")
# "with its position near the middle", "due to its location nearby the pier": the place said in a description
WITH_PLACE = re.compile(r"\b(?:with|due to|by) its (?:position|location|placement) ((?:near|nearby|next to|close to|"
                        r"away from|adjacent to|beside|at|in|on|towards?) (?:the|a|an) [a-z ]+?)(?= and |$)")
IMAGE_PLACE = re.compile(r"\b(?:at|in|on|towards?|from|through) the (?:very |far )?(?:" + DIRECTION_RE + r" ?){1,2}(?: " + PART_RE +
                         r")? of the (?:image|frame|picture|scene)\b")
# "in the center of the field": the middle of the landmark's extent, when no place in the image is said
CENTRE_OF = re.compile(r"\b(?:near|at|in|towards?) the (?:very )?(?:center|middle) of (?!(?:the |a |an )?"
                       r"(?:image|frame|picture|scene|photo|photograph|view)\b)(?=\S)")
# "with surrounding grass and trees": what surrounds the object, said in a with-clause
# "with its proximity to the road", "due to its isolated position away from the larger vehicles": a relation said as
# a noun inside a description
NOMINAL_RELATION = re.compile(r"\b(?:its|and) (?:[a-z]+ )?(?:(?:proximity|closeness|nearness) to|"
                              r"(?:isolation|distance|separation) from|(?:position|location|placement) away from) "
                              r"((?:the|a|an|other) [a-z ]+?)(?= and |,|$)")
WITH_BOTH_SIDES = re.compile(r"\bwith ([a-z ]+?) on (?:either|both|each) sides?\b")
WITH_SURROUNDING = re.compile(r"\bwith (?:the |its |some )?surrounding ([a-z ]+?)(?=,|$| (?:and )?(?:is|are|located|"
                              r"positioned|situated)\b)")
WITH_ATTACHED = re.compile(r"\bwith (?:a |an |the |one |two |some )?((?:(?!\b(?:is|are|was|were)\b)[a-z ])+?) "
                           r"(?:attached|connected|docked|moored)\b")
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
            "fifth": 5, "5th": 5}
ORDINAL_FROM = r"\b(first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th)\b(?: [a-z ]+?)? from the " \
               r"(left|right|top|bottom)\b(?: (?:left|right))?(?: (?:corner|edge|side|end))?\b"
# in this order: "bottom most left" → bottommost left, not bottom leftmost
TYPOS = [(re.compile(rf"\b{wrong}\b"), right) for wrong, right in [
    ("midle", "middle"), ("mid", "middle"), ("inbetween", "in between"), ("smll", "small"), ("centre", "center"), ("viewt", "view"),
    (r"(?:ground )?track and field(?: area| venue)?", "ground track field"), ("botttom", "bottom"), ("groundtrackfield", "ground track field"), ("rigt", "right"),
    ("between of", "between"), (r"^central to the (image|frame|picture|scene)\b", r"in the center of the \1 ,"), (r"(?:relative|comparative) size", ""), (r"in question", ""), (r"the(left|right|top|bottom|center|middle)", r"the \1"),
    (r"(left|right|top|bottom)of", r"\1 of"), ("left most", "leftmost"), ("right most", "rightmost"),
    ("top most", "topmost"), ("bottom most", "bottommost"), ("most bottom", "bottommost"), ("most top", "topmost"),
    ("most left", "leftmost"), ("most right", "rightmost"), ("l shaped", "l-shaped"), ("right hand", "right"),
    ("left hand", "left"), (r"the (?:image|picture|frame|scene) (center|middle)\b", r"the \1 of the image"), (r"(rectangular|round|circular|square|oval|triangular|elliptical|diamond) shaped", r"\1"),
    # "furthest to the northeast", "in the south-west": a corner of the image ("north-east of X" stays a relation)
    *[(rf"the {v} ?{h}(?:ern)?(?! (?:of|from)\b)", f"the {top} {side}")
      for v, top in (("north", "top"), ("south", "bottom")) for h, side in (("east", "right"), ("west", "left"))],
    (r"central(?= in the (?:image|frame|picture|scene)\b)", "centrally"), ("quarter", "quadrant"),
    (r"(region|area|part|section|portion)s(?= of the (?:image|frame|picture|scene)\b)", r"\1"),
    (r"its (?:separated|isolated|distant|remote) (location|position) from", r"its \1 away from"),
    # "slightly left of the center of the image": the middle of that side
    (r"(?:(?:further|farther|slightly|more) )?(left|right) (?:of|from) the (?:center|middle)(?= of the (?:image|frame|"
     r"picture|scene)\b|$| ,| and\b)", r"middle \1"),
    (r"(?:above|north of) the (?:center|middle)(?= of the (?:image|frame|picture|scene)\b|$| ,)", "top middle"),
    (r"(?:below|south of) the (?:center|middle)(?= of the (?:image|frame|picture|scene)\b|$| ,)", "bottom middle")]]


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
    body = take_side_relation(body, query)  # before "to its right" is dropped as the object's own side
    dropped = []
    for pattern in SPANS_DROPPED:
        dropped += [m.group(0) for m in pattern.finditer(body)]
        body = squash(pattern.sub(" ", body))
    if query.relation is None:
        body = take_pronoun_relation(body, query)
    for pattern, relation in ((WITH_BOTH_SIDES, "between"), (WITH_SURROUNDING, "inside")):
        said = pattern.search(body) if query.relation is None else None
        landmark = landmark_phrase(said.group(1))[0] if said else ""
        if landmark:  # "with trees on either side", "with surrounding grass"
            query.relation, query.landmark = relation, [landmark] * 2 if relation == "between" else landmark
            body = squash(body[:said.start()] + " " + body[said.end():])
    attached = WITH_ATTACHED.search(body)  # "with one jet bridge attached": next to a jet bridge
    if attached:
        query.relation, query.landmark = "next_to", landmark_phrase(attached.group(1))[0]
        body = squash(body[:attached.start()] + " " + body[attached.end():])
    described = [m.group(0) for m in WITH_CLAUSE.finditer(body)]
    body = squash(WITH_CLAUSE.sub(" ", body))
    # "with its top edge near the top border", "with its bounding box touching the right edge": still a place
    body = " , ".join([body] + [m.group(1) for said in described for m in TOUCHED_EDGE.finditer(said)] +
                      [m.group(1) for said in described for m in WITH_PLACE.finditer(said)])
    body = _take_ordinal(body, query)
    body = _take_superlative(body, query)
    if query.superlative in ("leftmost", "rightmost", "topmost", "bottommost"):
        body = squash(_SIDE_SAID_AGAIN.sub(" ", body))
    if query.superlative is None:  # "with a relatively smaller size", "by its larger size" compare the object itself
        _take_superlative(" ".join(m for m in dropped + described if re.search(r"\b(size|area)\b", m)), query)
    for said in dropped + described:  # "identifiable by being the uppermost crane"
        for m in re.finditer(r"\b(?:as|being) (?:the )?[a-z ]+|\b(?:at|in|with) the (?:very )?[a-z]+most "
                             r"(?:position|part|point|spot|location)\b", said):  # "with trees at the topmost position"
            if query.superlative is None:
                _take_superlative(m.group(0), query)
    if query.superlative not in (None, "closest_to", "farthest_from"):
        # "the larger court, closest to the bottom-right corner": a corner is still where it is; the centre or an
        # edge is a second comparison
        body = squash(SECOND_CLOSER.sub(lambda m: " " if re.search(r"\b(?:edge|border|boundary)\b", m.group(0)) else
                                        " in the " + " ".join(w for w in m.group(0).split()[2:] if w != "the") + " ", body))
    descriptions = [m.group(0) for m in DESCRIPTIONS.finditer(body)]
    described += descriptions
    body = " , ".join([squash(DESCRIPTIONS.sub(" ", body))] +
                      [m.group(1) for said in descriptions for m in WITH_PLACE.finditer(said)] +
                      [("far from " if m.group(0)[:m.start(1) - m.start()].endswith("from ") else "near ") + m.group(1)
                       for said in dropped + described for m in NOMINAL_RELATION.finditer(said)])
    centre_of = CENTRE_OF.search(body)
    centre_of = landmark_phrase(body[centre_of.end():])[0] if centre_of else None
    if query.relation is None:
        body = take_relation(body, query)
    for said in dropped + described:  # "distinguishable by being … to the left of the other ships"
        if query.relation is None:
            take_relation(said, query, specific_only=True)
    body = _take_position(_without_extent(body), query)
    if query.position is None:  # "features brown fairways … at the bottom of the image": the only place said
        for said in described:
            for m in IMAGE_PLACE.finditer(squash(EXTENT.sub(" ", said))):  # "wings extending toward …" is no place
                _take_position(m.group(0), query)
    if query.position is None and query.frame is None and query.relation == "inside" and centre_of and \
            isinstance(query.landmark, str) and query.landmark in centre_of:
        query.position, query.frame = "center", query.landmark  # "in the center of the field": inside, at its centre
    head, head_attributes = _target(norm)
    # what the object has ("a red surface") lends its colour or material, not its size ("a long pier")
    rest = [w for w in body.split() if w in ATTRIBUTES] + \
        [w for w in " ".join(described).split() if w in COLOURS | MATERIALS] + \
        [w for w in re.findall(r"\b([a-z-]+) shape\b", " ".join(described)) if w in SHAPES]
    query.attributes = _unique(head_attributes + rest)
    query.target = head or " ".join(query.attributes) or norm
    if query.relation and isinstance(query.landmark, str) and query.landmark.split()[-1:] and \
            _same_category(query.landmark, query.target):
        query.landmark_is_target = True  # "the tank next to the other tank"
    if query.landmark_is_target and query.landmark == "one":
        query.landmark = query.target
    if query.landmark_is_target and query.relation in ("inside", "on") and not _IN_GROUP.search(norm):
        query.relation = query.landmark = None  # "the bottom-most one in the image's vehicles": no other object
        query.landmark_is_target = False
    return query


# "the right-most vehicle … is the furthest to the right": one superlative said twice, not a place
_SIDE_SAID_AGAIN = re.compile(r"\b(?:farthest|furthest|most) (?:to|on|towards?) the (?:left|right|top|bottom|north|south|"
                              r"east|west)\b(?! (?:left|right|top|bottom|side|part|corner|edge|of)\b)")
# "the top-most vehicle in the cluster of vehicles": inside that group (bench/parser_blind26 and batch 17's labels)
_IN_GROUP = re.compile(r"\b(?:in|within|inside|among) (?:the |a |this |that )?(?:[a-z]+ )?(?:cluster|group|row|line|fleet|"
                       r"set|series|collection|bunch|lineup|formation) of\b")


def _same_category(landmark: str, target: str) -> bool:
    """"the other tank" and "storage tank" are one category; "ground track field" and "soccer ball field" are not."""
    a, b = [[_singular(w) for w in x.split()] for x in (landmark, target)]
    if a[-1] != b[-1]:
        return False
    return len(a) == 1 or len(b) == 1 or a[-2] == b[-2] or a[-2] not in OBJECT_WORDS and b[-2] not in OBJECT_WORDS


OBJECT_WORDS = {"track", "ball", "soccer", "football", "basketball", "tennis", "baseball", "storage", "swimming",
                "service", "toll", "train", "parking"}  # each makes "… field", "… court", "… area" a category


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


_HYPHEN_PARTICIPLE = re.compile(r"(?<=[a-z]{2})-(?=(?:" + "|".join(sorted(w for w in VERBS if w.endswith("ed"))) +
                                r")\b)")
_COLOUR_PARTICIPLE = re.compile(r"\b(" + "|".join(sorted(COLOURS)) + r")-(?!colou?red\b)[a-z]+ed\b")


def _normalise(text: str) -> str:
    text = str(text).lower().replace("’", "'")
    # "the solar panel-covered building": one adjective, not the verb "covered" that would end the noun phrase
    text = _HYPHEN_PARTICIPLE.sub("", text)
    text = _COLOUR_PARTICIPLE.sub(r"\1", text)  # "white-hulled ship": a white ship
    text = re.sub(r"\bsemi-", "semi", text)  # "semi-circular"
    text = re.sub(r"(?<=[a-z]{2})-like\b", "like", text)  # "a pier-like structure" is a structure
    text = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", text)  # top-left → top left, left-most → left most
    # "the river's narrowest point": a part of the river, the river the landmark
    text = re.sub(r"\b(?!(?:image|picture|frame|scene|photo)')([a-z]+)'s ((?:[a-z]+(?:est|most) )?(?:point|section|stretch|"
                  r"portion|part|tip|end|bend|mouth|edge|border|boundary|bank|shore|roof|rooftop))\b", r"\2 of the \1", text)
    text = re.sub(r"'s\b", "", text)  # the image's edge → the image edge
    text = re.sub(r"[^a-z0-9,; ]+", " ", text).replace(";", ",")
    text = " ".join(text.replace(",", " , ").split())
    for wrong, right in TYPOS:
        text = wrong.sub(right, text)
    return text


def _without_extent(text: str) -> str:
    """The text without where the object reaches to, when it still says where the object is."""
    trimmed = squash(EXTENT.sub(" ", text))
    if trimmed == text:
        return text
    probe = Query(text="")
    _take_position(trimmed, probe)
    return trimmed if probe.position else text


def _take_ordinal(text: str, q: Query) -> str:
    m = re.search(ORDINAL_FROM, text)
    if m and _RELATION_LEAD.search(text[:m.start()]):
        return text  # "near the first tarmac marking from the left": the landmark's ordinal, read with it
    if m:
        q.ordinal, q.ordinal_from = ORDINALS[m.group(1)], m.group(2)
        head = re.sub(rf"^.*?\b{m.group(1)}\b", "", text[:m.end()])  # "second [tank] from the left"
        head = re.sub(r" from the (left|right|top|bottom)\b.*$", "", head)
        return squash(text[:m.start()] + " " + head + " " + text[m.end():])
    return text


def _take_superlative(text: str, q: Query) -> str:
    found = []
    for pattern, name in SUPERLATIVES:
        for m in pattern.finditer(text):
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
            return squash(text[:m.start()] + " " + text[m.end():])
        after = landmark_details(text[m.end():], q)
        ref, rest = landmark_phrase(after, keep_parts=True)
        words = set(ref.split())
        directions = words & POSITION_WORDS
        if not words - PARTS - IMAGE - {"the", "a", "an", "of", "very"}:
            continue  # "closest to the image edge": says nothing
        if directions and (words & (PARTS - {"edge", "side", "border", "corner", "boundary", "end"}) or
                           len(directions) > 1 and not words & {"edge", "side", "border", "corner", "boundary"}):
            continue  # "closer to the center top part of the image", "closer to the middle-left" are positions
        region = directions and not words & {"edge", "border", "boundary", "end"} and words & (PARTS | IMAGE) and \
            not words - directions - PARTS - IMAGE - {"the", "a", "an", "of", "very", "far"}  # "the bottom of the image"
        nudge = directions and directions <= CENTRE_WORDS and not words - directions - {"the"} and \
            re.search(r"\b(?:left|right|top|bottom)\b", text[:m.start()])  # "on the right side, closer to the middle"
        if (region or nudge) and m.group(0).startswith(("closer", "nearer")):
            continue  # "closer to the bottom of the image": there (the labelling rule), no comparison
        q.superlative, q.superlative_ref = name, strip_article(ref) or None
        if region or "corner" in words or m.group(0).startswith(("closest", "nearest")) and directions <= CENTRE_WORDS and \
                words & IMAGE:  # "closest to the top left corner", "… to the center of the image": a place too
            return squash(text[:m.start()] + " " + text[m.end():])
        return squash(text[:m.start()] + " " + rest)
    return text


def _names_an_object(text: str) -> bool:
    """True when ``text`` opens with an object's noun phrase ("pond …", "of the two houses"), not a place
    ("position in the image")."""
    words = landmark_phrase(re.sub(r"^\s*of (?:the |all )?", "", text))[0].split()
    return bool(words) and not is_place(" ".join(words)) and not set(words) <= PARTS | POSITION_WORDS | {"one", "ones"}


def _take_position(text: str, q: Query) -> str:
    """Every image-position mention (one phrase or several: "at the top, on the far left") → one region."""
    vertical = horizontal = None
    centre = of_image = False
    spans = []
    for m in _POSITION.finditer(text):
        words = [w for w in m.group(0).split() if w in POSITION_WORDS or w in CENTRE_WORDS]
        if not words or (len(words) == 1 and words[0] in ADJECTIVAL and not re.search(PART_RE + r"\b", m.group(0))):
            continue  # "the central terminal", "the upper building" are not positions
        if len({VERTICAL.get(w) for w in words} - {None}) > 1 or len({HORIZONTAL.get(w) for w in words} - {None}) > 1:
            continue  # "spanning west-east", "from top to bottom": an orientation, not a place
        start, end = m.span()
        frame = re.match(r" (?:of|within|inside) (?=\S)", text[end:])
        name, rest = landmark_phrase(text[end + frame.end():]) if frame else ("", "")
        if re.match(rf" (?:of|within|inside|in) the (?:{'|'.join(VERTICAL)}) (?:{'|'.join(HORIZONTAL)}) quadrant\b",
                    text[end:]) or re.match(rf" of the (?:{DIRECTION_RE}) (?:{DIRECTION_RE}) (?:{PART_RE})\b", text[end:]):
            spans.append((start, end))
            continue  # "the bottom-left part of the top-left quadrant", "the top of the middle-right edge": the outer
        if name and is_place(name):
            of_image = True
        elif name and of_image and q.frame is None:
            # "in the middle right of the image near the top edge of the service area": the image's place, and
            # the area is a landmark the object is near, not a second frame for the same position
            # ("positioned at the top part of the road": inside the road)
            if q.relation is None:
                edge = re.search(r"\b(?:edge|side|border|boundary|corner|end)\b", m.group(0))
                side = re.fullmatch(r"(?:on|at|to) the (left|right) side", m.group(0))
                q.relation, q.landmark = (f"{side.group(1)}_of" if side else "near" if edge else "inside"), name
                q.landmark_part = "edge" if edge and not side and edge.group(0) not in ("corner", "end") else None
            spans.append((start, len(text) - len(rest)))
            continue
        elif name and q.frame is None:
            q.frame, end = name, len(text) - len(rest)
        if ((vertical or horizontal) and centre or vertical and horizontal) and \
                (text[spans[-1][1]:start].strip() or m.group(0).startswith(("towards ", "toward ", "to "))):
            spans.append((start, end))
            continue  # "towards the bottom middle, slightly towards the left": of two places that disagree, the first
        for w in words:
            if w in VERTICAL and vertical is None:
                vertical = VERTICAL[w]
            elif w in HORIZONTAL and horizontal is None:
                horizontal = HORIZONTAL[w]
            elif w in CENTRE_WORDS:
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
    return squash(text)


_POSITION = re.compile(
    r"\b(?:in|at|on|near|towards?|to|along|by|from|beyond|across)? ?the (?:very |far |extreme |most )?"
    rf"{DIRECTION_RE}(?: {DIRECTION_RE})?(?: {PART_RE})?\b|"
    rf"\b{DIRECTION_RE}(?: {DIRECTION_RE})? {PART_RE}\b|\b{DIRECTION_RE} {DIRECTION_RE}\b|\bfar (?:left|right)\b|"
    r"\b(?:centrally|centered|midway|in top of)\b|\bcentral (?:position|location|spot|place)\b")


def _target(text: str) -> Tuple[str, List[str]]:
    """The target noun phrase at the start of the phrase, and the attributes said inside it."""
    text = re.sub(r"^(?:there (?:is|are) |one of |in the image ,? )", "", text)
    among = re.match(r"(?:among|amongst|of) (?:the |all the )?([a-z ]+?) , (?:the|a) (?:one|object)\b", text)
    if among:  # "among the small harbors, the one located …": the set names the category
        head, attributes = _target(among.group(1))
        return " ".join(head.split()[:-1] + [_singular(w) for w in head.split()[-1:]]), attributes
    if re.match(r"(?:in|inside|within|among|amid|at|on|near|beside|next|adjacent|along|alongside|around|towards?|"
                r"directly|just|to|located|positioned|situated|nestled|placed|parked|set|tucked|enclosed|surrounded|"
                r"encircled|flanked|bordered) ", text):
        # "in the top-right portion, the small ship is …"; "in the bottom-right corner of the image lies a ship …"
        m = re.search(r", (?:there (?:is |are )?)?(?=(?:a|an|the|another) )", text) or \
            re.search(r"\b(?:lies|lie|sits|stands|is|are) (?=(?:a|an|the) )", text)
        text = text[m.end():] if m else text
    taken, attributes = _noun_words(text.split())
    if taken and (taken[-1] in {"object", "one", "item", "thing", "feature"} or
                  taken in (["structure"], ["area"], ["pattern"], ["field"], ["form"])):
        # "the object … is a small airport", "the unique object classified as a ship", "… is the storage tank"
        m = re.search(r"\b(?:is|are|classified as|identified as|represents) (?:a|an|the) (?!(?:[a-z]+est|[a-z]+most|only|one|"
                      r"image|picture|scene)\b)", text)
        named = _noun_words(text[m.end():].split()) if m else ([], [])
        if named[0] and not set(named[0]) & (IMAGE | PARTS):
            taken, attributes = named
    words = text.split()
    part = words.index(taken[0]) if len(taken) == 1 and taken[0] in PARTS and taken[0] in words else -1
    if part >= 0 and words[part + 1:part + 2] == ["of"]:
        named = _noun_words(words[part + 2:])  # "the larger section of the harbor" → harbor
        if named[0] and not set(named[0]) & (IMAGE | PARTS):
            taken, attributes = named[0], attributes + named[1]
    while len(taken) > 1 and (taken[-1] in GENERIC_TAILS and not taken[-2].endswith("ed") or
                              taken[-1] in ("position", "location") or
                              taken[-1] == "area" and taken[-2] in ("harbor", "harbour", "port", "dock")):
        taken.pop()  # "the harbor structure", "the harbor area" → harbor; "the plane position" → plane
    return " ".join(taken), attributes


def _noun_words(words: List[str]) -> Tuple[List[str], List[str]]:
    taken, attributes = [], []
    for i, w in enumerate(words):
        if not taken and (ADVERB.fullmatch(w) or w in ("sized", "surfaced", "colored", "coloured", "painted", "topped",
                                                        "shaped")):
            continue  # "a prominently sized small vehicle"
        if w in ATTRIBUTES or (not taken and w in OPENERS | VERBS):
            if w in ATTRIBUTES:
                attributes.append(w)
            continue
        followed = words[i + 1] if i + 1 < len(words) else ""
        participle = taken and (w.endswith("ed") or w.endswith("ing") and (
            w not in ING_NOUNS or followed in {"over", "the", "a", "an", "through"}))  # "the bridge crossing over"
        if w in STOPS or w in POSITION_WORDS or w.isdigit() or w in IMAGE or w in POSTNOMINAL or participle or \
                taken and ADVERB.fullmatch(w):
            if taken:
                break
            continue
        taken.append(w)
    return taken, attributes


def _unique(items: list) -> list:
    seen, out = set(), []
    for item in items:
        item = "grey" if item == "gray" else item
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out
