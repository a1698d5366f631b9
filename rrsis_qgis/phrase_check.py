"""Phrase rules shared by the engine, the server and the plugin (stdlib only: QGIS imports it)."""
import unicodedata

MAX_PHRASE_CHARS = 512

# Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt: invisible unless a font draws them
# on purpose: soft hyphen, joiners, Hangul fillers, variation selectors, tags…) and the braille blank.
INVISIBLE_RANGES = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180F),
    (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x2800, 0x2800), (0x3164, 0x3164), (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)
INVISIBLE_CATEGORIES = ("Cc", "Cf", "Cs", "Zs", "Zl", "Zp")  # controls, format characters, lone surrogates, spaces


def is_invisible(char: str) -> bool:
    """True for a character that shows nothing on its own: a space, a control, a format or filler character."""
    code = ord(char)
    return (unicodedata.category(char) in INVISIBLE_CATEGORIES
            or any(low <= code <= high for low, high in INVISIBLE_RANGES))


def is_blank(text: str) -> bool:
    """True when ``text`` shows nothing: only invisible characters (those inside words, like ZWNJ, are kept)."""
    return all(is_invisible(char) for char in str(text))


def clean_phrase(phrase: str) -> str:
    """Collapse whitespace and refuse empty or over-long phrases with a user-facing message."""
    text = " ".join(str(phrase).split())
    if is_blank(text):
        raise ValueError("the phrase is empty: describe the object, e.g. 'the white storage tank left of the road'")
    if len(text) > MAX_PHRASE_CHARS:
        raise ValueError(f"the phrase has {len(text)} characters; the limit is {MAX_PHRASE_CHARS}")
    return text
