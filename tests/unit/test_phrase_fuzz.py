"""The phrase parser never raises: 10 000 random strings, and junk built from its own vocabulary."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rrsis_qgis.engine.phrase import Query, parse

WORDS = ["the", "a", "of", "image", "left", "right", "top", "bottom", "middle", "center", "centre", "-", ",", "'s",
         "most", "between", "and", "near", "on", "in", "closest", "to", "from", "with", "its", "side", "corner",
         "edge", "second", "from the", "furthest", "is", "located", "tank", "ship", "white", "large", "by", "of the",
         "surrounded", "far", "very", "has", "larger", "which", "that", "there", "lies", "one", "object", "ñ", "😀",
         "\n", "\t", "  ", "...", "2nd", "area", "part", "right-hand", "top-most", "l-shaped"]
SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)


def _check(text):
    query = parse(text)
    assert isinstance(query, Query) and isinstance(query.target, str)
    assert query.position is None or "-" in query.position or query.position in {"top", "bottom", "left", "right",
                                                                                  "center"}


@settings(max_examples=10_000, **SETTINGS)
@given(st.text(max_size=120))
def test_random_strings_never_raise(text):
    _check(text)


@settings(max_examples=2_000, **SETTINGS)
@given(st.lists(st.sampled_from(WORDS), max_size=30).map(" ".join))
def test_vocabulary_junk_never_raises(text):
    _check(text)
