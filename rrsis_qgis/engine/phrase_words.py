"""Vocabulary of the referring-phrase parser: word classes, direction and part patterns, superlative patterns."""
from __future__ import annotations

import re

COLOURS = {"white", "black", "red", "green", "blue", "yellow", "grey", "gray", "brown", "orange", "purple",
           "dark", "light", "bright", "pink", "silver", "beige", "tan", "reddish", "greenish", "bluish", "whitish",
           "greyish", "grayish", "brownish", "yellowish", "navy"}
SIZES = {"large", "small", "big", "tiny", "huge", "little", "long", "short", "wide", "narrow", "tall", "giant", "compact"}
SHAPES = {"round", "circular", "square", "rectangular", "oval", "curved", "straight", "l-shaped", "triangular",
          "elliptical", "elongated", "semicircular"}
MATERIALS = {"concrete", "metal", "metallic", "dirt", "grass", "grassy", "asphalt", "wooden", "sandy", "paved",
             "brick", "glass", "tiled", "bare"}
ATTRIBUTES = COLOURS | SIZES | SHAPES | MATERIALS
POSITION_WORDS = {"left", "right", "top", "bottom", "center", "centre", "middle", "upper", "lower", "north", "south",
                  "east", "west", "northern", "southern", "eastern", "western", "central", "midpoint", "midsection"}
PARTS = {"part", "side", "edge", "half", "area", "region", "section", "portion", "quadrant", "corner", "border",
         "margin", "position", "end", "location", "spot", "boundary"}
IMAGE = {"image", "picture", "photo", "photograph", "scene", "frame", "view", "vicinity", "map", "tile"}
# what can open a noun phrase without being its noun: determiners, filler adjectives, comparison words
OPENERS = {"the", "a", "an", "this", "that", "these", "those", "its", "one", "another", "other", "distinct",
           "distinctive",
           "unique", "solitary", "slightly", "relatively", "colored", "coloured", "directly",
           "lone", "single", "only", "distinguishable", "visible", "prominent", "noticeable",
           "identifiable", "isolated", "particular", "entire", "presumed", "apparent", "possible", "curving", "wider", "longer",
           "taller", "narrower", "two", "both", "most", "more", "very", "far", "extreme",
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
         "exhibits", "exhibiting", "displays", "displaying", "shows", "showing", "blends", "lays", "lay", "serves",
         "rests", "remains", "contrasts", "contrast", "encompasses", "encircles", "surrounds", "contains"}
PREPOSITIONS = {"in", "at", "on", "near", "by", "with", "along", "towards", "toward", "to", "within", "from", "into",
                "across", "over", "under", "below", "above", "between", "beside", "next", "adjacent", "inside", "of",
                "and", "or", "but", "which", "that", "who", "where", "while", "than", "amidst", "amid", "among", "amongst",
                "around", "close", "closest", "nearest", "closer", "far", "farthest", "furthest", "away", "beyond",
                "underneath", "beneath", "upon", "atop", "besides", "alongside", "outside", "for", "as", "like",
                "without", "behind", "past", "opposite", "against"}
STOPS = VERBS | PREPOSITIONS | {","}
POSTNOMINAL = {"visible", "noticeable", "identifiable", "distinguishable", "prominent", "isolated", "alone", "only",
               "discernible", "almost", "directly", "just", "nearly"}
GENERIC_TAILS = {"structure", "structures", "arena", "object", "facility", "facilities"}
# what a target stands on or in: "on the left side of the tarmac" is in its left part, "of the building" beside it
SURFACES = {"tarmac", "runway", "runways", "airstrip", "apron", "taxiway", "area", "lot", "field", "sea", "water", "lake",
            "river", "harbor", "harbour", "port", "bridge", "rooftop", "roof", "road", "highway", "street", "expressway",
            "dock", "pier", "yard", "ground", "island", "deck", "platform", "car park", "parking", "airport", "expanse",
            "pavement", "plaza", "square", "terrain", "surface", "land", "lawn", "airstrip", "court"}
# partitives: "a body of water", "the majority of other structures", "a number of service vehicles" → what follows
GROUPS = {"body", "row", "line", "group", "column", "cluster", "pair", "set", "series", "fleet", "width", "length",
          "majority", "number", "patch", "patches", "couple", "bunch", "collection", "array", "variety", "handful",
          "strip", "stretch", "block", "expanse", "stack", "pattern", "grid", "sequence", "lineup", "chain", "ring",
          "belt", "swath", "tract", "plot", "piece", "segment", "network", "grove", "mass", "cluster", "assortment",
          "shadow", "shade", "rest", "remainder", "point", "stretch", "mix", "mixture", "combination",
          "blend", "lanes", "lane", "stretches"}
# what is an object on the ground: "the surface of the water" is the water, "the roof of the building" a roof
OBJECT_NOUNS = {
    "vehicle", "car", "truck", "bus", "van", "ship", "boat", "vessel", "yacht", "plane", "airplane", "aircraft", "jet",
    "helicopter", "bridge", "overpass", "harbor", "harbour", "port", "dock", "pier", "jetty", "wharf", "quay", "berth",
    "marina", "tank", "court", "field", "diamond", "track", "stadium", "pool", "road", "street", "highway",
    "expressway", "lane", "roadway", "path", "pathway", "walkway", "driveway", "sidewalk", "runway", "taxiway",
    "tarmac", "apron", "airstrip", "terminal", "gate", "hangar", "building", "house", "residence",
    "tower", "chimney", "windmill", "turbine", "station", "dam", "roundabout", "intersection", "junction", "lot",
    "water", "river", "lake", "pond", "sea", "ocean", "canal", "channel", "waterway", "stream", "shore", "shoreline",
    "coast", "coastline", "beach", "riverbank", "tree", "forest", "vegetation", "greenery", "grass", "lawn", "garden",
    "farmland", "cropland", "hill", "sign", "marking", "fence", "wall", "container", "railway", "rail", "train",
    "crane", "course", "fairway", "airport", "park", "school", "factory", "warehouse", "plaza", "square", "island",
    "waterbody", "waterfront", "backyard", "yard", "courtyard", "deck", "platform", "entrance"}
ING_NOUNS = {"building", "buildings", "setting", "parking", "swimming", "crossing", "landing", "railing", "clearing", "housing",
             "ceiling", "shipping", "loading", "dwelling", "marking", "markings", "seating", "planting", "plantings"}

DIRECTION_RE = r"(?:top|upper|north|northern|bottom|lower|south|southern|left|west|western|right|east|eastern|center|middle|" \
       r"central|midpoint|midsection)"
PART_RE = r"(?:" + "|".join(sorted(PARTS)) + r")"
VERTICAL = {"top": "top", "upper": "top", "north": "top", "northern": "top",
             "bottom": "bottom", "lower": "bottom", "south": "bottom", "southern": "bottom"}
HORIZONTAL = {"left": "left", "west": "left", "western": "left", "right": "right", "east": "right", "eastern": "right"}
CENTRE_WORDS = {"center", "middle", "central", "midpoint", "midsection", "centrally", "centered", "midway"}
ADJECTIVAL = {"upper", "lower", "northern", "southern", "western", "eastern", "central"}  # need a part noun after

SUPERLATIVES = [
    (r"\b(largest|biggest|widest|longest|larger|bigger|most sizeable)\b", "largest"),
    (r"\b(smallest|tiniest|shortest|smaller|tinier)\b", "smallest"),
    (r"\b(leftmost|westernmost)\b", "leftmost"),
    (r"\b(rightmost|easternmost)\b", "rightmost"),
    (r"\b(topmost|uppermost|northernmost|highest)\b|\bat the top position\b", "topmost"),
    (r"\b(bottommost|lowest|southernmost|lowermost)\b|\bat the bottom position\b", "bottommost"),
    # "furthest to the left" is the left-most one; "furthest to the bottom-left corner" is a position (below)
    (r"\b(?:farthest|furthest|most) (?:point |position |spot )?(?:to|on|towards?) the (?:left|west)\b(?! (?:top|bottom|upper|lower))", "leftmost"),
    (r"\b(?:farthest|furthest|most) (?:point |position |spot )?(?:to|on|towards?) the (?:right|east)\b(?! (?:top|bottom|upper|lower))",
     "rightmost"),
    (r"\b(?:farthest|furthest|most) (?:point |position |spot )?(?:to|on|towards?) the (?:top|north)\b(?! (?:left|right))(?: edge)?|"
     r"\b(?:farthest|furthest) up\b", "topmost"),
    (r"\b(?:farthest|furthest|most) (?:point |position |spot )?(?:to|on|towards?) the (?:bottom|south)\b(?! (?:left|right))(?: edge)?|"
     r"\b(?:farthest|furthest) down\b", "bottommost"),
    (r"\b(?:to|on) the (?:farthest|furthest) (?:left|west)\b", "leftmost"),  # "to the furthest right in the cluster"
    (r"\b(?:to|on) the (?:farthest|furthest) (?:right|east)\b", "rightmost"),
    # "more to the top compared to other objects": the top-most of them
    (r"\bmore (?:to|towards) the (?:top|north)(?= compared\b| than\b)", "topmost"),
    (r"\bmore (?:to|towards) the (?:bottom|south)(?= compared\b| than\b)", "bottommost"),
    (r"\bmore (?:to|towards) the (?:left|west)(?= compared\b| than\b)", "leftmost"),
    (r"\bmore (?:to|towards) the (?:right|east)(?= compared\b| than\b)", "rightmost"),
    (r"\b(?:closest|nearest|closer|nearer) to\b|\bmost closely (?:to|towards?)\b|"
     r"\b(?:closest|nearest)(?= the\b)", "closest_to"),
    (r"\b(?:farthest|furthest|most distant|further|farther) (?:away )?from\b", "farthest_from"),
]
SUPERLATIVES = [(re.compile(pattern), name) for pattern, name in SUPERLATIVES]  # compiled once


def squash(text: str) -> str:
    text = " ".join(text.split())
    return re.sub(r"(?:, )+,", ",", text).strip(" ,")


def strip_article(text: str) -> str:
    return re.sub(r"^(the|a|an) ", "", text.strip())
