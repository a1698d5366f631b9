"""The empty-phrase check sees invisible characters as nothing, and keeps every real script whole."""
import pytest
from pydantic import ValidationError

from rrsis_qgis.phrase_check import clean_phrase
from rrsis_qgis.server.schemas import SegmentRequest

INVISIBLE = {
    "zero-width space": "\u200b",
    "zero-width joiner and non-joiner": "\u200d\u200c",
    "word joiner": "\u2060",
    "byte order mark": "\ufeff",
    "soft hyphen": "\u00ad",
    "Hangul filler": "\u3164",
    "Hangul choseong and jungseong fillers": "\u115f\u1160",
    "halfwidth Hangul filler": "\uffa0",
    "braille blank": "\u2800",
    "combining grapheme joiner": "\u034f",
    "variation selectors": "\ufe0f\ufe00",
    "bidi marks and isolates": "\u200e\u200f\u202a\u202c\u2066\u2069\u061c",
    "Mongolian vowel separator": "\u180e",
    "tag characters": "\U000e0041\U000e007f",
    "control characters": "\x00\x07\x1b",
    "mixed with spaces": " \u200b \u00a0\u3164\u2800\u3000 ",
}

REAL = {
    "Persian with ZWNJ inside words": "مخزن\u200cهای سفید",
    "Arabic": "الخزان الأبيض",
    "Devanagari": "सफ़ेद टैंक सड़क के बाएँ",
    "Chinese": "道路左边的白色储罐",
    "Korean": "흰색 탱크",
    "emoji ZWJ sequence": "\U0001f469\u200d\U0001f692 near the tank",
    "emoji alone": "\U0001f3ed",
    "a word with a soft hyphen": "stor\u00adage tank",
}


@pytest.mark.parametrize("phrase", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_a_phrase_of_invisible_characters_is_empty(phrase):
    with pytest.raises(ValueError, match="the phrase is empty"):
        clean_phrase(phrase)
    with pytest.raises(ValidationError, match="empty"):
        SegmentRequest(image="x", phrase=phrase)


@pytest.mark.parametrize("phrase", REAL.values(), ids=REAL.keys())
def test_real_scripts_keep_every_character(phrase):
    assert clean_phrase(phrase) == phrase
    assert SegmentRequest(image="x", phrase=phrase).phrase == phrase
