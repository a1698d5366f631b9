"""Relations and landmarks of a referring phrase: the relation, the landmark with its own part, superlative and
attributes, another instance of the target ("the other one"), and a thing named before "it" ("the road beneath it")."""
from __future__ import annotations

import re
from types import SimpleNamespace
from typing import TYPE_CHECKING, List, Optional, Tuple

from .phrase_words import (ATTRIBUTES, GENERIC_TAILS, GROUPS, IMAGE, ING_NOUNS, OBJECT_NOUNS, OPENERS, PARTS,
                           POSITION_WORDS, STOPS,
                           SUPERLATIVES, SURFACES, VERBS, DIRECTION_RE, PART_RE, squash)

if TYPE_CHECKING:
    from .phrase import Query

# "to the north-east of", "to the upper left of", "(slightly) upper and to the right of", "to the left and below":
# a vertical side joined to a horizontal one is both sides
DIAGONAL_RELATIONS = [
    (rf"\b(?:to the |on the )?{v} ?{h}(?:ern)? (?:side )?(?:of|from)\b|\bto the (?:{v_words}) {h_word} (?:side )?of\b|"
     rf"\b(?:{v_relation}) and (?:to the |on the )?{h_word} (?:side )?(?:of|from)\b|"
     rf"\bto the {h_word} and (?:{v_prep})\b|\bto the {h_word} and {v_than} than\b|"
     rf"\b{v_than} and to the {h_word} (?:of|than)\b",
     f"{v}_{h}_of")
    for v, v_words, v_relation, v_prep, v_than in (
        ("north", "upper|top", "above|upper|higher|over|top", "above|over", "higher"),
        ("south", "lower|bottom", "below|lower|under|beneath|bottom", "below|under|beneath", "lower"))
    for h, h_word in (("east", "right"), ("west", "left"))]
# degree and manner words between a verb and a spatial head say how, not where: "further to the right from",
# "crossing diagonally over", "almost at the edge of", "slightly upper and to the right of"
ADVERB = re.compile(r"(?!(?:closely|centrally|only|family|assembly|supply|rally|gully|belly|lily|jelly)\b)[a-z]+ly")
_MODIFIERS = re.compile(r"\b(?:further|farther|just|somewhat|a bit|a little|almost|also|"
                        r"right(?= (?:next|beside|above|below|alongside|behind|across|under|over)\b)|"
                        r"" + ADVERB.pattern + r") (?=(?:to|on|at|"
                        r"in|above|"
                        r"below|over|under|beneath|beside|next|near|close|across|along|alongside|adjacent|upper|"
                        r"lower|higher|top|bottom|left|right|north|south|east|west|among|between|inside|within|by|"
                        r"across|beyond|behind|opposite|outside|against|flanked|surrounded|separated|isolated|away|"
                        r"apart|"
                        r"parallel|perpendicular|aligned|attached|connected|underneath|amid|amidst|facing|"
                        r"overlooking|further|farther|just|somewhat|[a-z]+ly)\b)")
_SHARE = r"(?:portion|part|area|section|majority)"  # how much of a landmark the target covers
SPECIFIC_RELATIONS = [  # (pattern ending where the landmark starts, relation)
    (r"\bbetween\b|\bseparating(?= (?:the |a |an )?[a-z ]+ and )|"
     r"\bin the (?:middle|center) of(?= (?:the )?(?:other )?(?:two|both)\b)", "between"),
    *DIAGONAL_RELATIONS,
    (r"\b(?:to the |on the |at the )?(?:far )?left (?:hand )?(?:side )?(?:of|from)\b|\bleftwards? of\b|"
     r"\bto the left (?:relative|compared|in relation) to\b", "left_of"),
    (r"\b(?:to the |on the |at the )?(?:far )?right (?:hand )?(?:side )?(?:of|from)\b|\brightwards? of\b|"
     r"\bto the right (?:relative|compared|in relation) to\b", "right_of"),
    (r"\b(?:to the )?north(?:ward)? (?:of|from)\b", "north_of"),
    (r"\b(?:to the )?south(?:ward)? (?:of|from)\b", "south_of"),
    (r"\b(?:to the )?east (?:of|from)\b", "east_of"),
    (r"\b(?:to the )?west (?:of|from)\b", "west_of"),
    (r"\b(?:above|over|across(?! (?:a |an |the )?(?:[a-z]+ )?" + _SHARE + r" of)|higher than|straddling)\b", "above"),
    (r"\b(?:below|under|underneath|beneath|lower than|(?:shaded|overshadowed|covered|sheltered) by)\b", "below"),
    (r"\b(?:cross(?:es|ing)|travers(?:es|ing)|intersect(?:s|ing))(?: over)?(?= (?:the|a|an|two|some) )",
     "above"),  # "the bridge crosses the water"
    (r"\bconnect(?:s|ing) (?:the )?(?:two )?(?:sides|banks|shores|edges) of\b", "above"),  # a bridge over water
    (r"\b(?:span(?:s|ning)|bridg(?:es|ing))(?: over| across)?(?= (?:the|a|an|two|several|multiple|some|many|both) )",
     "above"),  # "spanning a waterway"
    (r"\b(?:next to|beside|besides|alongside|adjacent to|parallel to|by the side of|bordered by|along|"
     r"(?:connected|attached|joined|linked) to|touching|aligned (?:with|to)|in line with|adjoining|abutting|"
     r"bordering|flanking|flanked by|fringed by|lined by|neighbou?red by|in contact with|lining|hugging|"
     r"bordered on (?:one|two|all|each|both|either) sides? by|"
     r"(?<!stands out )(?<!stand out )(?<!contrasts )(?<!contrasting )against|"
     r"(?:at|to) the side of|(?:docked|moored|tied|berthed|anchored|tethered|secured) (?:at|to|alongside)|"
     r"(?:docked|moored) on(?= (?:the |a )?(?:[a-z]+ )?(?:pier|dock|jetty|quay|wharf|berth)s?\b))\b",
     "next_to"),
    (r"\bat(?= (?:the |a |an )?(?:[a-z-]+ ){0,3}(?:docks?|piers?|gates?|jetty|jetties|quay|wharf|berths?|"
     r"terminal)\b)|\bin (?:a )?(?:row|line) with\b", "next_to"),
    (r"\b(?:in|under) the shade of\b", "below"),
    (r"\b(?:obstruct(?:s|ing)|cover(?:s|ing)|overlay(?:s|ing)|overlap(?:s|ping)(?: with)?|"
     r"occup(?:ies|ying|y)(?! (?:the|a|an) (?:[a-z]+ ){0,2}(?:area|portion|part|section|position|spot|location|"
     r"majority|half|quadrant|corner|region|center|middle)\b))"
     r"(?= (?:the|a|an|some|part) )", "on"),
    (r"\b(?:near|close to|closely to|proximity to|proximate to|nearby|around|"
     r"(?<!surrounded )(?<!enclosed )(?<!encircled )(?<!ringed )(?<!sides )(?<!encompassed )(?<!encased )by|"
     r"amidst|"
     r"amid|amongst|in the (?:midst|vicinity|shadow) of|facing|opposite(?: to)?|overlooking|behind|in front of|"
     r"with its (?:back|nose|front|tail) (?:towards?|to)|"
     r"across (?:the (?:[a-z]+ )?(?:road|street|river|water|way|channel|lane|path|highway|canal) )?from|"
     r"on the (?:opposite|other|far) side of|neighbou?ring|(?:a|some) short distance (?:away )?from|"
     r"not far (?:away )?from|at the (?:base|foot) of|off(?= the (?:coast|shore|shoreline|coastline|pier|dock|island|beach)\b)|"
     r"(?:encircling|surrounding)(?= (?:the|a|an) ))\b", "near"),
    (r"\b(?:far (?:away )?from|(?<!not )away from|distant from|isolated from|separated? from|(?:in )?isolation from|"
     r"remote from|(?<!short )apart from|detached from|removed from|distanced from|separated location from|"
     r"(?:in )?an? (?:isolated|separate|remote) (?:position|location|spot) from|"
     r"(?:at )?(?:a|some) (?:good |long |considerable |"
     r"large |great )?distance (?:away )?from)\b", "far_from"),
]
CONTEXT_RELATIONS = [  # only when nothing more specific is said
    # "occupies a portion of the lot", "stretches across a portion of the tarmac", "on the roof of the building": on it
    (r"\b(?:occup(?:ies|ying|y)|across|over) (?:a |an |the )?(?:[a-z]+ )?" + _SHARE + r" of\b|"
     r"\bon (?:the )?(?:top|roof|rooftop) of(?= (?:the|a|an) )", "on"),
    (r"\b(?:near|at|in|towards?) the (?:center|middle) of\b", "inside"),
    # "among" compares when a superlative or "stands out" comes before it ("the top-most among the ships")
    (r"(?<!stands out )(?<!stand out )\bamong\b", "among"),
    (r"\btowards?\b", "near"),  # "towards the coast" (a place, "towards the top", is no landmark)
    (r"\bat\b", "at"),  # resolved by the landmark: next to a berth, near an edge, else inside
    (r"\b(?:inside|within(?: the (?:confines|boundaries|bounds|perimeter|limits) of)?|"
     r"(?:surrounded|encircled|enclosed|ringed|encompassed|encased|hemmed in)(?: on all sides)? (?:by|with)|in)\b",
     "inside"),
    (r"\b(?:on|upon|atop)\b", "on"),
]
LANDMARK_PARTS = {"tip": "end", "tips": "end", "end": "end", "ends": "end", "head": "end", "extremity": "end",
                  "mouth": "end", "start": "end", "beginning": "end", "entrance": "end", "foot": "end",
                  "edge": "edge", "edges": "edge", "border": "edge", "boundary": "edge", "shoulder": "edge",
                  "bank": "edge", "banks": "edge", "rim": "edge", "verge": "edge", "curb": "edge", "kerb": "edge",
                  "perimeter": "edge", "periphery": "edge", "outskirts": "edge", "fringe": "edge", "shoreline": "edge",
                  "shore": "edge", "waterline": "edge", "coastline": "edge"}
_LANDMARK_PART = re.compile(r"^(?:the |a |an )?(?:very |far |outer |outermost )?(" + "|".join(LANDMARK_PARTS) +
                            r") of (?=\S)")
# "the other one", "the first one", "another": a second instance of the target, not a named landmark
_ANAPHORA = re.compile(r"^(?:the |a |an )?(?:(?:first|second|third|other|previous|former|latter|remaining|last|next|"
                       r"central|middle|left|right|top|bottom|upper|lower|larger|smaller|bigger|largest|smallest|"
                       r"leftmost|rightmost|topmost|bottommost) ones?|"
                       r"another one|one another|each other|others\b|rest\b(?! of)|one(?= adjacent| next| beside| near)|"
                       r"(?:other|another|former|latter|first|second)(?= ,|$| (?:is|are|and|in|on|"
                       r"at|near|which|that|with)\b))\b")
# compiled once: parse() runs every pattern on every phrase
SPECIFIC_RELATIONS = [(re.compile(pattern), name) for pattern, name in SPECIFIC_RELATIONS]
CONTEXT_RELATIONS = [(re.compile(pattern), name) for pattern, name in CONTEXT_RELATIONS]
LANDMARK_RANKS = SUPERLATIVES[:6] + [(re.compile(r"\b(?:most extended|most prominent)\b"), "largest")]
INVERSE = {"above": "below", "below": "above", "left_of": "right_of", "right_of": "left_of", "north_of": "south_of",
           "south_of": "north_of", "east_of": "west_of", "west_of": "east_of", "north_east_of": "south_west_of",
           "south_west_of": "north_east_of", "north_west_of": "south_east_of", "south_east_of": "north_west_of"}
PRONOUNS = {"it", "them", "itself", "its"}
# what a vehicle or a ship is "at" by standing on it: "at the intersection", "at the shoreline"
CROSSED = {"intersection", "intersections", "junction", "crossroads", "crossing", "crosswalk", "roundabout",
           "shoreline", "waterline", "marking", "markings", "driveway", "driveways"}
BERTHS = {"dock", "docks", "pier", "piers", "gate", "gates", "jetty", "quay", "quayside", "wharf", "berth", "terminal"}
_SIDE_OF = re.compile(r"^ ?(?:the |a |an )?(?:very |far )?(?:" + DIRECTION_RE + r" ){1,2}" + PART_RE + r" of (?=\S)")
# "covering a substantial area", "occupying a large portion": how much, not what
EXTENTS = {"substantial", "significant", "large", "major", "considerable", "big", "small", "vast", "wide", "good",
           "sizable", "sizeable", "notable", "greater", "larger", "smaller", "entire", "whole"}
# how, not next to what: a would-be landmark with one of these heads is no object
MANNERS = {"line", "manner", "fashion", "way", "direction", "orientation", "formation", "arrangement", "shape",
           "size", "appearance", "colour", "color", "distance", "angle", "slant", "tilt", "level", "proximity", "width",
           "length", "breadth", "extent", "setting", "environment", "landscape", "context"}
QUANTIFIERS = {"one", "some", "each", "any", "all", "many", "several", "both", "two", "three", "few", "none"}
_ITS_SIDE = re.compile(r"\b(?:to|on) its (left|right|north|south|east|west)(?: side)?\b|"
                       r"(?<=[a-z] )(below|beneath|underneath)(?= ,|$)")
_SIDE_OF_TARGET = {"left": "right_of", "right": "left_of", "north": "south_of", "south": "north_of",
                   "east": "west_of", "west": "east_of", "below": "above", "beneath": "above", "underneath": "above"}


def take_side_relation(text: str, q: Query) -> str:
    """"overlapping with the neighbouring ship to its right", "bordered by a road to its north": the thing named lies
    on that side of the target, so the target is on the other side of it."""
    for m in _ITS_SIDE.finditer(text):
        openings = list(re.finditer(r"\b(?:the|a|an|another|some|two|several)\b|(?<=\bby )|(?<=\bwith )",
                                    text[:m.start()]))
        if not openings:
            continue
        landmark, rest = landmark_phrase(text[openings[-1].start():m.start()])
        if not landmark or is_place(landmark) or rest.strip():
            continue
        q.relation, q.landmark = _SIDE_OF_TARGET[m.group(1) or m.group(2)], landmark
        q.landmark_attributes = [w for w in landmark.split() if w in ATTRIBUTES]
        return squash(text[:openings[-1].start()] + " " + text[m.end():])
    return text


def take_pronoun_relation(text: str, q: Query) -> str:
    """"The road beneath it", "with a pool next to it": the thing named before the relation is the landmark, and
    the target is on the other side of it."""
    text = squash(_MODIFIERS.sub("", text))
    for pattern, name in SPECIFIC_RELATIONS:
        for m in pattern.finditer(text):
            pronoun = re.match(r" (?:it|them)\b", text[m.end():])
            openings = [o for o in re.finditer(r"\b(?:the|a|an|some|two|three|several)\b", text[:m.start()])
                        if o.start() > 0]
            if name == "between" or not pronoun or not openings:
                continue
            if re.search(r"\b(?:across|over|above|spans?|spanning|cross(?:es|ing)?)\s*$", text[:openings[-1].start()]):
                continue  # "extends across a road perpendicular to it": across the road, said first
            landmark, rest = landmark_phrase(text[openings[-1].start():m.start()])
            # "a body of water visibly passing underneath it": how it passes says nothing of where
            if not landmark or is_place(landmark) or {w for w in rest.split() if not ADVERB.fullmatch(w) and
                                                      not w.endswith("ing")} - VERBS - {"that", "which", "just",
                                                                                         "right"}:
                continue
            q.relation, q.landmark = INVERSE.get(name, name), landmark
            q.landmark_attributes = [w for w in landmark.split() if w in ATTRIBUTES]
            return squash(text[:openings[-1].start()] + " " + text[m.end() + pronoun.end():])
    return text


def take_relation(text: str, q: Query, specific_only: bool = False) -> str:
    text = squash(_MODIFIERS.sub("", text))
    for patterns in (SPECIFIC_RELATIONS,) if specific_only else (SPECIFIC_RELATIONS, CONTEXT_RELATIONS):
        # a relation opening the sentence is one when it is a clause of its own ("adjacent to the pier, there is a
        # …", "inside the stadium, the ground …"), not the target's own place ("in the top-right portion, the ship")
        found = sorted(((m.start(), m, name) for pattern, name in patterns for m in pattern.finditer(text)
                        if m.start() > 0 or patterns is SPECIFIC_RELATIONS or
                        landmark_phrase(text[m.end():])[1].startswith(",")),
                       key=lambda f: (f[0], -len(f[1].group(0))))
        for _, m, name in found:
            done = _relation_at(text, m, name, q)
            if done is not None:
                return done
    return text


def _relation_at(text: str, m, name: str, q: Query) -> Optional[str]:
    after = text[m.end():]
    if re.search(r"\b(?:without|no|not)\s*$", text[:m.start()]):
        return None  # "surrounded by fields without nearby buildings": a relation denied
    if name == "between":
        parts = re.split(r"\band\b", after, maxsplit=1)
        # "between buildings and it's the bottom-most one": the second part is a clause of its own
        parts = parts[:1] if len(parts) > 1 and parts[1].split()[:1] and parts[1].split()[0] in PRONOUNS | \
            {"they", "which", "that", "this"} else parts
        landmarks = [landmark_phrase(p)[0] for p in parts[:2]]
        rest = landmark_phrase(parts[-1])[1] if len(parts) > 1 else landmark_phrase(after)[1]
        landmarks = [lm for lm in landmarks if lm and not is_place(lm)]
        if not landmarks:
            return None
        if len(landmarks) == 1 and (re.search(r"\b(two|both)\b", after) or landmarks[0].endswith("s")):
            landmarks = landmarks * 2  # "between the two tanks", "between the agricultural plots"
        q.relation, q.landmark = name, landmarks
        return squash(text[:m.start()] + " " + rest)
    if name == "inside" and not m.group(0).startswith(("surrounded", "encircled", "enclosed", "ringed", "encompassed",
                                                        "encased", "hemmed")) and re.search(r"\b" + DIRECTION_RE + r"(?: " + PART_RE + r")?\s*$", text[:m.start()]) \
            and not re.search(r"\bquadrant\s*$", text[:m.start()]):  # a quadrant is the image's
        return None  # "the lower-left corner within the service area": the area frames the position
    if name == "among":
        if q.superlative or re.search(r"(?:est|most|\bone|\bones)\b[a-z ]{0,30}$", text[:m.start()]):
            return None  # "the top-most among the ships", "the larger one among": the set compared, not a place
        name = "near"  # "centrally among the trees": amid them (the labelling rule of bench/parser_blind_labelling.md)
    shared = re.match(r" and (?:[a-z]+ )?(?:with|to|by|of) (?=\S)", after)
    if shared:  # "above and aligned with other vehicles": the landmark said after the second relation word
        after = after[shared.end():]
    if after.split()[:1] and after.split()[0] in PRONOUNS:
        return None  # "next to it" with nothing named before; "by its white roof" is the object's own part
    side_part = None
    # "near the top-right corner of the building" stays a place in the building (a frame), read with the position
    part_of = _SIDE_OF.match(after) if name not in ("inside", "on", "at", "near") else None
    part_edge = bool(part_of and re.search(r"\b(?:edge|side|border|boundary)\b", part_of.group(0)))
    if part_of and m.group(0).endswith(" at") and not part_edge:
        return None  # "docked at the far right end of the dock": its right end is where it is
    if part_of and m.group(0) == "along":
        return None  # "along the southeastern edge of the water": that edge of the water is where it is
    if part_of and not is_place(landmark_phrase(after[part_of.end():])[0]):
        after = after[part_of.end():]  # "aligned with the upper section of the terminal": the terminal, not a place
        side_part = "edge" if part_edge else None
    anaphora = _ANAPHORA.match(after.lstrip())
    if anaphora:
        q.relation, q.landmark, q.landmark_is_target = name, "one", True
        return squash(text[:m.start()] + " " + after.lstrip()[anaphora.end():])
    details = SimpleNamespace(landmark_part=None, landmark_superlative=None, landmark_attributes=[])
    landmark, rest = landmark_phrase(landmark_details(after, details))
    details.landmark_part = details.landmark_part or side_part
    if not landmark or is_place(landmark):
        return None  # "on the left (of the image)" is a position, handled there
    if landmark.split()[-1] in MANNERS or (landmark.split()[-1] in PARTS and
                                                 len(landmark.split()) > 1 and set(landmark.split()[:-1]) <= EXTENTS):
        return None  # "connects the banks in a straight line", "spans the greatest distance across the water"
    if name in ("left_of", "right_of") and re.search(r"\b(top|bottom|upper|lower|middle|center)\s*$", text[:m.start()]):
        return None  # "the bottom-left side of the river" names a corner
    if name in ("left_of", "right_of") and " side " in m.group(0) and landmark.split()[-1] in SURFACES | GROUPS and \
            not re.search(r"\b" + DIRECTION_RE + r"(?: [a-z]+){0,2} of the (?:image|frame|picture|scene|view)\b",
                          text[:m.start()] + " " + rest) and \
            (m.group(0).startswith(("on ", "at ")) or
             text[:m.start()].endswith(("in the ", "on the ", "at the ", "towards the ", "toward the "))):
        return None  # "parked on the left side of the tarmac": on the tarmac, in its left part (a frame)
    if name == "at":  # "at the top dock": beside it; "at the edge of the tarmac": near it; "at the backyard": in it
        if set(landmark.split()) <= PARTS:
            return None  # "at the position in the image", "at a slight angle"
        at_side = re.match(r" ?(?:the |a |an )?(?:[a-z]+ )?(?:corner|side) of ", after)  # "at the corner of a building"
        name = "near" if details.landmark_part or at_side else "next_to" if landmark.split()[-1] in BERTHS or \
            re.search(r"\b(?:boarding|jet|air|passenger) bridges?$", landmark) else \
            "on" if landmark.split()[-1] in CROSSED else "inside"
    words = landmark.split()
    place = ""
    if details.landmark_superlative is None:
        side_words = words
        words, details.landmark_superlative = _landmark_side(words)
        if words is not side_words and name in ("next_to", "near", "on", "inside", "at", "between"):
            # "located at the top dock": the target is in the top part too
            place = " , in the " + " ".join(side_words[:len(side_words) - len(words)]) + " part"
    if len(words) > 1 and words[-1] in LANDMARK_PARTS and details.landmark_part is None and \
            not _adjective(words[-2]):  # "a lighter-colored border" is a border
        details.landmark_part = LANDMARK_PARTS[words.pop()]  # "the water's edge", "the tarmac boundary"
    if len(words) > 1 and words[-1] in ("section", "portion", "part", "stretch") and _singular(words[-2]) in OBJECT_NOUNS:
        words.pop()  # "the curved road section" → road ("a tarmac area" stays an area)
    while len(words) > 1 and words[-1] in GENERIC_TAILS and _singular(words[-2]) in OBJECT_NOUNS:
        # "the stadium structure" → stadium; "residential structures", "urban structures" stay
        words.pop()  # "the stadium structure" → stadium
    landmark = " ".join(words)
    q.relation, q.landmark = name, landmark
    q.landmark_part, q.landmark_superlative = details.landmark_part, details.landmark_superlative
    q.landmark_attributes = details.landmark_attributes
    return squash(text[:m.start()] + " " + rest + place)


# "the top dock", "the left pier", "the bottom-right dock": which of the landmark's pieces is meant, by its side
_SIDE_PICK = {"top": "topmost", "upper": "topmost", "northern": "topmost", "bottom": "bottommost",
              "lower": "bottommost", "southern": "bottommost", "left": "leftmost", "western": "leftmost",
              "right": "rightmost", "eastern": "rightmost"}


def _adjective(word: str) -> bool:
    return word in ATTRIBUTES or word.endswith("ed") or word[:-2] in ATTRIBUTES or word[:-3] in ATTRIBUTES  # bigger


def _landmark_side(words: List[str]) -> Tuple[List[str], Optional[str]]:
    """Leading side words of a landmark's name → (the name without them, the pick: a superlative or a corner)."""
    sides, said = [], 0
    while said < 2 and len(words) > said + 1 and (words[said] in _SIDE_PICK or
                                                  (words[said] in ("middle", "center", "central") and
                                                   (said or words[said + 1] in _SIDE_PICK))):
        sides += [_SIDE_PICK[words[said]]] if words[said] in _SIDE_PICK else []
        said += 1
    rest = words[said:]
    if sides and rest[0] == "side" and len(rest) > 1 and rest[1] not in PARTS | {"of"}:
        rest = rest[1:]  # "the right-side harbor"
    if not sides or rest[0] in PARTS | POSITION_WORDS or rest[0] == "of":
        return words, None
    if len(sides) == 1:
        return rest, sides[0]  # "the bottom-middle harbor": the bottom-most one
    if len(sides) == 2:
        vertical = next((x for x in sides if x in ("topmost", "bottommost")), None)
        horizontal = next((x for x in sides if x in ("leftmost", "rightmost")), None)
        if not (vertical and horizontal):
            return words, None
        return rest, f"{vertical[:-4]}-{horizontal[:-4]}"  # "bottom-right dock" → the piece nearest that corner
    return words, None


def landmark_details(after: str, q: Query) -> str:
    """Read the landmark's own part ("the tip of"), superlative and attributes into ``q``; the text without
    the part, so the landmark is the object ("the tip of the pier" → pier)."""
    after = re.sub(r"^what (?:appears|seems|looks) (?:to be |like )", "", after.lstrip())  # "what appears to be a pier"
    part = _LANDMARK_PART.match(after)
    if part:
        q.landmark_part = LANDMARK_PARTS[part.group(1)]
        after = after[part.end():]
    phrase = landmark_phrase(after, keep_parts=True)[0] or after
    opening = " ".join(after.split()[:len(phrase.split()) + 2])
    for pattern, name in LANDMARK_RANKS:
        if pattern.search(opening):
            q.landmark_superlative = name
            break
    q.landmark_attributes = [w for w in phrase.split() if w in ATTRIBUTES]
    return re.sub(r"^((?:the |a |an )?)most (?:extended|prominent) ", r"\1", after)


def is_place(phrase: str) -> bool:
    """True when a would-be landmark only names a part of the image ("the top edge", "the image")."""
    words = {w[:-1] if w.endswith("s") and w[:-1] in PARTS else w for w in phrase.split()}  # "sections"
    if words & IMAGE:
        return True
    sides = {"edge", "corner", "side", "border", "boundary", "boundaries", "margin", "end"}
    return words <= POSITION_WORDS | PARTS | sides | {"its", "it", "this", "one", "other", "very", "far"} and \
        bool(words & (POSITION_WORDS | sides))


# before a noun they describe it, not a relation or a clause: "the adjacent road", "several parked vehicles"
_LEADING_ADJECTIVES = {"adjacent", "nearby", "neighbouring", "neighboring", "surrounding", "opposite", "close",
                       "parked", "docked", "moored", "stationary", "scattered", "several", "multiple", "various",
                       "numerous", "many", "some", "few", "all"}


_RANKS = {"larger", "smaller", "bigger", "largest", "smallest", "biggest", "first", "second", "third", "last", "latter",
          "former"}


def landmark_phrase(text: str, keep_parts: bool = False) -> Tuple[str, str]:
    """The noun phrase at the start of ``text`` (articles and filler dropped) and what follows it."""
    words, taken, i = text.split(), [], 0
    while i < len(words):
        w = words[i]
        if not taken and w in _LEADING_ADJECTIVES and i + 1 < len(words) and \
                (words[i + 1] not in STOPS or words[i + 1] in _LEADING_ADJECTIVES):
            i += 1
            continue
        if not taken and w in GROUPS and words[i + 1:i + 2] == ["of"]:
            i += 2
            continue  # "two stretches of land" → land ("stretches" is a verb too)
        if not taken and i + 1 < len(words) and words[i + 1] not in STOPS and \
                (ADVERB.fullmatch(w) or w.endswith("ed") and w in VERBS | {"aligned", "oriented", "shaped"}):
            i += 1
            continue  # "the horizontally aligned tennis court" → tennis court
        if w == "of" and taken and not keep_parts and set(taken) & POSITION_WORDS and taken[-1] in PARTS:
            return "", text  # "the top-left corner of the road" is a position, not a road
        if w == "of" and taken and not keep_parts and (taken[-1] in PARTS | GROUPS or _singular(taken[-1]) in PARTS):
            taken = []  # "the darker section of the road" → road, "a body of water" → water
        elif w == "of" and keep_parts and taken:
            taken.append(w)  # "the top edge of the image" stays whole for edge_of()
        elif w == "of" and not taken and i and (words[i - 1] in QUANTIFIERS or words[i - 1] in _RANKS):
            pass  # "one of the lanes" → lanes, "the larger of the two houses" → houses
        elif w == "of" and taken and not keep_parts and _singular(taken[-1]) not in OBJECT_NOUNS and \
                taken[-1] not in POSITION_WORDS | PARTS | IMAGE and \
                _singular(landmark_phrase(" ".join(words[i + 1:]))[0].split()[-1:] or "") in OBJECT_NOUNS:
            taken = []  # "the surface of the water", "the premises of the factory": the object named after "of"
        elif w.endswith("ing") and i + 1 < len(words) and _singular(words[i + 1]) in OBJECT_NOUNS:
            taken.append(w)  # "a smaller connecting road"
        elif taken and w in {"nearby", "present", "visible", "around"}:
            break  # "the other vehicle nearby"
        elif taken and set(taken) <= ATTRIBUTES and w.endswith("ed") and i + 1 < len(words) and \
                words[i + 1] not in STOPS:
            pass  # "the green covered vehicle" → vehicle
        elif taken and w.endswith("ed") and i + 1 < len(words) and words[i + 1] in {"on", "in", "at", "by", "with",
                                                                                 "along", "near", "beside"}:
            break  # "an area marked on the tarmac": the participle opens a clause of its own
        elif w in STOPS or w in VERBS or (taken and w in ("parallel", "perpendicular")) or (taken and w.endswith("ing") and w not in ING_NOUNS and
                                          not _modifies(words[i + 1:])) or (taken and ADVERB.fullmatch(w)):
            break
        elif not (not taken and w in OPENERS):
            taken.append(w)
        i += 1
    return " ".join(taken).strip(), " ".join(words[i:])


def _singular(word) -> str:
    word = word[0] if isinstance(word, list) else word
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _modifies(rest: List[str]) -> bool:
    """True when an -ing word is followed by its noun ("an elliptical running track"), not by a clause."""
    return bool(rest) and not rest[0] in STOPS | VERBS | OPENERS | POSITION_WORDS | {"parallel", "perpendicular"} and \
        not rest[0].endswith(("ing", "ly"))
