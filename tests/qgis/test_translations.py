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


@pytest.mark.skipif(shutil.which("pylupdate5") is None, reason="pylupdate5 (pyqt5-dev-tools) is not installed")
def test_every_translatable_string_of_the_sources_has_its_german_translation(tmp_path):
    """`make transup` on a copy of the German file adds nothing unfinished: no English left in a German QGIS."""
    ts = tmp_path / "de.ts"
    shutil.copy(I18N / "rrsis_qgis_de.ts", ts)
    package = REPO / "rrsis_qgis"
    sources = [str(p) for p in package.rglob("*.py") if "__pycache__" not in p.parts]
    sources += [str(p) for p in (package / "gui").glob("*.ui")]
    subprocess.run(["pylupdate5", "-noobsolete", *sources, "-ts", str(ts)], check=True, capture_output=True)
    text = ts.read_text(encoding="utf-8")
    unfinished = re.findall(r"<source>([^<]*)</source>\s*(?:<comment>[^<]*</comment>\s*)?"
                            r"<translation type=\"unfinished\">", text)
    assert unfinished == []


@pytest.mark.skipif(shutil.which("lrelease") is None, reason="lrelease (qttools5-dev-tools) is not installed")
def test_the_processing_algorithm_speaks_german(tmp_path):
    from rrsis_qgis.processing.segment_algorithm import SegmentByPhrase

    qm = tmp_path / "de.qm"
    subprocess.run(["lrelease", "-silent", str(I18N / "rrsis_qgis_de.ts"), "-qm", str(qm)], check=True)
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    try:
        alg = SegmentByPhrase()
        assert alg.shortHelpString().startswith("Findet in einem ganzen Raster")
        assert alg.tr("Cancelled: nothing was written.") == "Abgebrochen: es wurde nichts geschrieben."
    finally:
        QCoreApplication.removeTranslator(translator)
