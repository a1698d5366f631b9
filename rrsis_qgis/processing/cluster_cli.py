"""Segment by phrase on a Dask cluster: the backend's Python runs `segment --tiled --cluster` as a subprocess.

QGIS's Python never imports dask (nor torch): the command line in the backend's environment is the
cluster's client. Its output goes to a file named after the run's inputs in the temp folder, with
the run's journal beside it, so the same algorithm run again after a cancel resumes where it stopped.
"""
from __future__ import annotations

import hashlib
import json
import os
import queue
import re
import signal
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import Iterator, List, Optional

from osgeo import ogr
from qgis.core import QgsFeature, QgsGeometry, QgsProcessingException
from qgis.PyQt.QtCore import QCoreApplication

from ..resources import PACKAGE_DIR

PROGRESS = re.compile(r"tiles (\d+)/(\d+)")
STOP_GRACE_S = 30  # after Ctrl+C the command line closes its journal and the cluster client
EXIT_FAILED_TILES = 1


def tr(text: str) -> str:
    return QCoreApplication.translate("ClusterRun", text)


def cluster_command(python: str, raster: str, phrase: str, address: str, tile: int, overlap: int,
                    threshold: float, gsd: float, extent: Optional[tuple], model: str, device: str,
                    models_dir: str) -> List[str]:
    """The `segment` command line of this run, its output in the temp folder (named after the inputs)."""
    args = [raster, phrase, "--tiled", "--mode", "all", "--cluster", address, "--tile", str(tile), "--overlap",
            str(overlap), "--threshold", repr(threshold), "--model", model, "--device", device]
    if gsd:
        args += ["--gsd", repr(gsd)]
    if extent:
        args.append("--extent=" + ",".join(repr(v) for v in extent))  # "=": a value may start with "-"
    if models_dir:
        args += ["--models-dir", models_dir]
    digest = hashlib.sha1(json.dumps(args).encode()).hexdigest()[:16]
    folder = Path(tempfile.gettempdir()) / "rrsis_cluster"
    folder.mkdir(exist_ok=True)
    return [python, "-m", "rrsis_qgis", "segment", *args, "--json", f"--out={folder / (digest + '.gpkg')}"]


def run_command(command: List[str], feedback) -> dict:
    """Run it, its progress into ``feedback``; Cancel sends Ctrl+C (the journal stays). Returns the summary."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}  # QGIS's, not the backend's
    try:
        proc = subprocess.Popen(command, cwd=str(PACKAGE_DIR.parent), env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True, bufsize=1)
    except OSError as exc:
        raise QgsProcessingException(tr("cannot start the backend's Python {}: {}").format(
            command[0], exc.strerror or exc)) from None
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=_pump, args=(proc.stdout, lines), daemon=True).start()
    summary, last_error = None, ""
    while True:
        if feedback.isCanceled():
            _interrupt(proc)
            raise Cancelled()
        try:
            line = lines.get(timeout=0.25).rstrip()
        except queue.Empty:
            if proc.poll() is not None and lines.empty():
                break
            continue
        summary, last_error = _take(line, feedback, summary, last_error)
    if summary is None or proc.returncode not in (0, EXIT_FAILED_TILES):
        raise QgsProcessingException(last_error or tr("the cluster run stopped (exit code {})").format(proc.returncode))
    return summary


def _pump(stream, lines: queue.Queue) -> None:
    """Lines of the command's output into ``lines`` (a thread: the algorithm keeps watching for Cancel)."""
    for line in stream:
        lines.put(line)


class Cancelled(Exception):
    """The user cancelled; the finished tiles are kept in the run's journal."""


def _take(line: str, feedback, summary, last_error):
    if line.startswith("{") and '"output"' in line:
        return json.loads(line), last_error
    match = PROGRESS.search(line)
    if match:
        done, total = int(match.group(1)), int(match.group(2))
        feedback.setProgress(100.0 * done / max(total, 1))
        feedback.setProgressText(line.strip())
    elif line.startswith("  failed:"):
        feedback.pushWarning(line.strip())
    elif line.startswith("error:"):
        last_error = line[len("error:"):].strip()
    elif line.strip():
        feedback.pushInfo(line.strip())
    return summary, last_error


def _interrupt(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(STOP_GRACE_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def read_features(path: str, fields) -> Iterator[QgsFeature]:
    """The command line's output as features of ``fields`` (the results layer's), one at a time."""
    ds = ogr.Open(path)
    layer = ds.GetLayer(0)
    names = [fields.at(i).name() for i in range(fields.count())]
    for source in layer:
        feature = QgsFeature(fields)
        geom = QgsGeometry()
        geom.fromWkb(bytes(source.GetGeometryRef().ExportToWkb()))
        feature.setGeometry(geom)
        feature.setAttributes([source.GetField(name) for name in names])
        yield feature
    ds = None


def remove_output(path: str) -> None:
    driver = ogr.GetDriverByName("GPKG")
    if Path(path).exists():
        driver.DeleteDataSource(path)
