"""Translations: every UI string of the German and Chinese files is translated and the .ts files load."""
import re
import shutil
import subprocess

import pytest
from qgis.PyQt.QtCore import QCoreApplication, QTranslator

from tests.conftest import REPO

I18N = REPO / "i18n"


@pytest.mark.parametrize("lang", ["de", "zh"])
def test_ts_files_are_complete(lang):
    text = (I18N / f"rrsis_qgis_{lang}.ts").read_text(encoding="utf-8")
    sources = re.findall(r"<source>", text)
    assert len(sources) >= 60
    assert 'type="unfinished"' not in text and "<translation></translation>" not in text


@pytest.mark.skipif(shutil.which("lrelease") is None, reason="lrelease (qttools5-dev-tools) is not installed")
def test_compiled_german_translation_is_used_by_qt(tmp_path):
    qm = tmp_path / "de.qm"
    subprocess.run(["lrelease", "-silent", str(I18N / "rrsis_qgis_de.ts"), "-qm", str(qm)], check=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    try:
        assert QCoreApplication.translate("RrsisDock", "Accept") == "Annehmen"
        assert QCoreApplication.translate("RrsisPlugin", "RRSIS — find by phrase") == "RRSIS — per Beschreibung finden"
    finally:
        QCoreApplication.removeTranslator(translator)
