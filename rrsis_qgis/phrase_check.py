"""Phrase rules shared by the engine, the server and the plugin (stdlib only: QGIS imports it)."""

MAX_PHRASE_CHARS = 512


def clean_phrase(phrase: str) -> str:
    """Collapse whitespace and refuse empty or over-long phrases with a user-facing message."""
    text = " ".join(str(phrase).split())
    if not text:
        raise ValueError("the phrase is empty: describe the object, e.g. 'the white storage tank left of the road'")
    if len(text) > MAX_PHRASE_CHARS:
        raise ValueError(f"the phrase has {len(text)} characters; the limit is {MAX_PHRASE_CHARS}")
    return text
