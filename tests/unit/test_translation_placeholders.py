"""Every translation in i18n/*.ts keeps its source's placeholders: the same {…} fields and %N, the positional ones in order."""
import re
import xml.etree.ElementTree as ET
from collections import Counter

import pytest

from tests.conftest import REPO

TS_FILES = sorted((REPO / "i18n").glob("*.ts"))
FIELD = re.compile(r"\{([^{}]*)\}")  # str.format: {}, {:.1f}, {name}, {0}
QT_ARG = re.compile(r"%(?:\d+|n)")  # QString.arg, tr()'s plural count


def placeholders(text: str) -> tuple:
    """(the auto-numbered fields in their order, the named/numbered fields and Qt's %N as a multiset)."""
    fields = FIELD.findall(text)
    auto = [f for f in fields if f.split(":", 1)[0].split("!", 1)[0] == ""]
    named = Counter(f for f in fields if f not in auto) + Counter(QT_ARG.findall(text))
    return auto, named


def broken(ts_text: str) -> list:
    """(source, translation) of every translated message whose placeholders differ from its source's."""
    found = []
    for message in ET.fromstring(ts_text).iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        texts = [n.text for n in translation.iter("numerusform")] or [translation.text]
        found += [(source, text) for text in texts if text and placeholders(text) != placeholders(source)]
    return found


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.name)
def test_every_translation_keeps_its_sources_placeholders(ts):
    assert broken(ts.read_text(encoding="utf-8")) == []


def ts(source: str, translation: str) -> str:
    return (f"<TS><context><name>C</name><message><source>{source}</source>"
            f"<translation>{translation}</translation></message></context></TS>")


@pytest.mark.parametrize("source, translation", [
    ("{} of {:.1f} GB", "{} von {:.1f} GB"),
    ("{crs} · {gsd} m/px", "{gsd} m/px · {crs}"),  # named fields may move
    ("%1 of %2", "%2 / %1"),
])
def test_the_same_placeholders_pass(source, translation):
    assert broken(ts(source, translation)) == []


@pytest.mark.parametrize("source, translation", [
    ("{} of {:.1f} GB", "{} GB"),  # lost
    ("{} of {:.1f} GB", "{:.1f} von {} GB"),  # positional ones swapped: the numbers would change places
    ("{} of {:.1f} GB", "{} von {:.1f} GB {}"),  # one more
    ("{crs} · {gsd} m/px", "{crs} · {gds} m/px"),  # renamed: KeyError in the plugin
    ("%1 of %2", "%1 von %3"),
])
def test_a_lost_reordered_or_renamed_placeholder_is_found(source, translation):
    assert broken(ts(source, translation)) == [(source, translation)]
