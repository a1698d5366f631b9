"""Relations and landmarks of a referring phrase: the relation, the landmark with its own part, superlative and
attributes, another instance of the target ("the other one"), and a thing named before "it" ("the road beneath it")."""
from __future__ import annotations

import re
from types import SimpleNamespace
from typing import TYPE_CHECKING, List, Optional, Tuple

from .phrase_words import (ATTRIBUTES, GENERIC_TAILS, GROUPS, IMAGE, ING_NOUNS, OPENERS, PARTS, POSITION_WORDS, STOPS,
                           SUPERLATIVES, SURFACES, VERBS, DIRECTION_RE, PART_RE, squash)

if TYPE_CHECKING:
    from .phrase import Query

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
    (r"\bspan(?:s|ning)(?: over| across)?(?= (?:the|a|an) )", "above"),  # "spanning a waterway"
    (r"\b(?:next to|beside|besides|alongside|adjacent to|parallel to|by the side of|bordered by|along|"
     r"(?:connected|attached|joined|linked) to|touching|(?:docked|moored|tied|berthed|anchored) (?:at|to|alongside))\b",
     "next_to"),
    (r"\b(?:near|close to|closely to|proximity to|nearby|around|(?<!surrounded )(?<!enclosed )by|amidst|amid|amongst|"
     r"in the vicinity of)\b", "near"),
    (r"\b(?:far from|away from|distant from|isolated from|separated? from|in isolation from)\b", "far_from"),
]
CONTEXT_RELATIONS = [  # only when nothing more specific is said
    (r"\boccup(?:ies|ying|y) (?:a |an |the )?(?:[a-z]+ )?(?:portion|part|area|section|majority) of\b", "on"),
    (r"\b(?:near|at|in|towards?) the (?:center|middle) of\b", "inside"),
    (r"\b(?:inside|within|surrounded by|enclosed by|in)\b", "inside"),
    (r"\b(?:on|upon|atop)\b", "on"),
]
LANDMARK_PARTS = {"tip": "end", "tips": "end", "end": "end", "ends": "end", "head": "end", "extremity": "end",
                  "mouth": "end", "start": "end", "beginning": "end", "entrance": "end", "foot": "end",
                  "edge": "edge", "edges": "edge", "border": "edge", "boundary": "edge",
                  "perimeter": "edge", "periphery": "edge", "outskirts": "edge", "fringe": "edge"}
_LANDMARK_PART = re.compile(r"^(?:the |a |an )?(?:very |far |outer |outermost )?(" + "|".join(LANDMARK_PARTS) +
                            r") of (?=\S)")
# "the other one", "the first one", "another": a second instance of the target, not a named landmark
_ANAPHORA = re.compile(r"^(?:the |a |an )?(?:(?:first|second|third|other|previous|former|latter|remaining|last|next|"
                       r"central|middle|left|right|top|bottom|upper|lower|larger|smaller|bigger|largest|smallest|"
                       r"leftmost|rightmost|topmost|bottommost) ones?|"
                       r"another one|one another|each other|others\b|one(?= adjacent| next| beside| near)|"
                       r"(?:other|another|former|latter)(?= ,|$| (?:is|are|and|in|on|"
                       r"at|near|which|that|with)\b))\b")
LANDMARK_RANKS = SUPERLATIVES[:6] + [(r"\b(?:most extended|most prominent)\b", "largest")]
INVERSE = {"above": "below", "below": "above", "left_of": "right_of", "right_of": "left_of", "north_of": "south_of",
           "south_of": "north_of", "east_of": "west_of", "west_of": "east_of", "north_east_of": "south_west_of",
           "south_west_of": "north_east_of", "north_west_of": "south_east_of", "south_east_of": "north_west_of"}
PRONOUNS = {"it", "them", "itself", "its"}
def take_pronoun_relation(text: str, q: Query) -> str:
    """"The road beneath it", "with a pool next to it": the thing named before the relation is the landmark, and
    the target is on the other side of it."""
    for pattern, name in SPECIFIC_RELATIONS:
        for m in re.finditer(pattern, text):
            pronoun = re.match(r" (?:it|them)\b", text[m.end():])
            openings = [o for o in re.finditer(r"\b(?:the|a|an|some)\b", text[:m.start()]) if o.start() > 0]
            if name == "between" or not pronoun or not openings:
                continue
            landmark, rest = landmark_phrase(text[openings[-1].start():m.start()])
            if not landmark or is_place(landmark) or set(rest.split()) - VERBS - {"that", "which", "just", "right"}:
                continue
            q.relation, q.landmark = INVERSE.get(name, name), landmark
            q.landmark_attributes = [w for w in landmark.split() if w in ATTRIBUTES]
            return squash(text[:openings[-1].start()] + " " + text[m.end() + pronoun.end():])
    return text


def take_relation(text: str, q: Query) -> str:
    for patterns in (SPECIFIC_RELATIONS, CONTEXT_RELATIONS):
        found = sorted(((m.start(), m, name) for pattern, name in patterns for m in re.finditer(pattern, text)
                        if m.start() > 0 or patterns is SPECIFIC_RELATIONS),  # "adjacent to the pier, there is a …"
                       key=lambda f: (f[0], -len(f[1].group(0))))
        for _, m, name in found:
            done = _relation_at(text, m, name, q)
            if done is not None:
                return done
    return text


def _relation_at(text: str, m, name: str, q: Query) -> Optional[str]:
    after = text[m.end():]
    if name == "between":
        parts = re.split(r"\band\b", after, maxsplit=1)
        landmarks = [landmark_phrase(p)[0] for p in parts[:2]]
        rest = landmark_phrase(parts[-1])[1] if len(parts) > 1 else landmark_phrase(after)[1]
        landmarks = [lm for lm in landmarks if lm and not is_place(lm)]
        if not landmarks:
            return None
        if len(landmarks) == 1 and (re.search(r"\b(two|both)\b", after) or landmarks[0].endswith("s")):
            landmarks = landmarks * 2  # "between the two tanks", "between the agricultural plots"
        q.relation, q.landmark = name, landmarks
        return squash(text[:m.start()] + " " + rest)
    if name in ("inside", "on") and re.search(r"\b" + DIRECTION_RE + r"(?: " + PART_RE + r")?\s*$", text[:m.start()]):
        return None  # "the lower-left corner within the service area": the area frames the position
    shared = re.match(r" and (?:[a-z]+ )?(?:with|to|by|of) (?=\S)", after)
    if shared:  # "above and aligned with other vehicles": the landmark said after the second relation word
        after = after[shared.end():]
    if after.split()[:1] and after.split()[0] in PRONOUNS:
        return None  # "next to it" with nothing named before; "by its white roof" is the object's own part
    anaphora = _ANAPHORA.match(after.lstrip())
    if anaphora:
        q.relation, q.landmark, q.landmark_is_target = name, "one", True
        return squash(text[:m.start()] + " " + after.lstrip()[anaphora.end():])
    details = SimpleNamespace(landmark_part=None, landmark_superlative=None, landmark_attributes=[])
    landmark, rest = landmark_phrase(landmark_details(after, details))
    if not landmark or is_place(landmark):
        return None  # "on the left (of the image)" is a position, handled there
    if name in ("left_of", "right_of") and re.search(r"\b(top|bottom|upper|lower|middle|center)\s*$", text[:m.start()]):
        return None  # "the bottom-left side of the river" names a corner
    if name in ("left_of", "right_of") and " side " in m.group(0) and landmark.split()[-1] in SURFACES and \
            (m.group(0).startswith(("on ", "at ")) or text[:m.start()].endswith(("in the ", "on the ", "at the "))):
        return None  # "parked on the left side of the tarmac": on the tarmac, in its left part (a frame)
    words = landmark.split()
    if len(words) > 1 and words[-1] in LANDMARK_PARTS and details.landmark_part is None:
        details.landmark_part = LANDMARK_PARTS[words.pop()]  # "the water's edge", "the tarmac boundary"
    while len(words) > 1 and words[-1] in GENERIC_TAILS:
        words.pop()  # "the stadium structure" → stadium
    landmark = " ".join(words)
    q.relation, q.landmark = name, landmark
    q.landmark_part, q.landmark_superlative = details.landmark_part, details.landmark_superlative
    q.landmark_attributes = details.landmark_attributes
    return squash(text[:m.start()] + " " + rest)


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
        if re.search(pattern, opening):
            q.landmark_superlative = name
            break
    q.landmark_attributes = [w for w in phrase.split() if w in ATTRIBUTES]
    return re.sub(r"^((?:the |a |an )?)most (?:extended|prominent) ", r"\1", after)


def is_place(phrase: str) -> bool:
    """True when a would-be landmark only names a part of the image ("the top edge", "the image")."""
    words = set(phrase.split())
    if words & IMAGE:
        return True
    return words <= POSITION_WORDS | PARTS | {"its", "it", "this", "one", "other", "very", "far"} and \
        bool(words & (POSITION_WORDS | {"edge", "corner", "side", "border", "margin", "end"}))


def landmark_phrase(text: str, keep_parts: bool = False) -> Tuple[str, str]:
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
    return bool(rest) and not rest[0] in STOPS | VERBS | OPENERS and not rest[0].endswith("ing")
