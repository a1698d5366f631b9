"""Run inside QGIS desktop (qgis --code docs/walk_install.py): a new user's walk, a screenshot of the screen each step.

Plugins → Install from ZIP, a raster, the dock, Start (no backend yet), Settings → Install… (the automatic torch
build, then WALK_TORCH if that failed), a second Install (a no-op), the tiny-random model, Start, a phrase + Enter.
Used by `make walk` under Xvfb with a fresh profile. Environment: WALK_ZIP (the plugin ZIP), WALK_RASTER,
WALK_OUT (folder for the PNGs and walk.json: each step's time and what the widgets said), WALK_TORCH (default
"pypi"), WALK_PHRASE. Clicks are real mouse clicks and keys on the widgets (QTest), not calls into the plugin.
"""
import json
import os
import subprocess
import time
import traceback

from qgis.core import QgsProject
from qgis.PyQt.QtCore import Qt, QTimer
from qgis.PyQt.QtGui import QGuiApplication
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QWidget
import qgis.utils

iface = qgis.utils.iface
OUT = os.environ["WALK_OUT"]
os.makedirs(OUT, exist_ok=True)
record = {"steps": []}
started = time.monotonic()


def log(*parts):
    text = " ".join(str(p) for p in parts)
    print(f"[walk {time.monotonic() - started:7.1f}s] {text}", flush=True)
    record["steps"].append([round(time.monotonic() - started, 1), text])
    with open(os.path.join(OUT, "walk.json"), "w") as f:
        json.dump(record, f, indent=1)


def shot(name):
    path = os.path.join(OUT, name + ".png")
    QGuiApplication.primaryScreen().grabWindow(0).save(path)
    log("screenshot", path)


def click(widget):
    """A real mouse click, posted so that a modal dialog it opens does not run inside the walk's own step."""
    QTimer.singleShot(0, lambda: QTest.mouseClick(widget, Qt.LeftButton, Qt.NoModifier, widget.rect().center()))


def top(class_name):
    found = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.metaObject().className() == class_name]
    return found[0] if found else None


def child(parent, name):
    found = parent.findChild(QWidget, name)
    if found is None:
        raise LookupError(f"{name} not in {parent.metaObject().className()}: " + ", ".join(
            sorted({w.objectName() for w in parent.findChildren(QWidget) if w.objectName()})))
    return found


def message_box():
    box = QApplication.activeModalWidget()
    return box if isinstance(box, QMessageBox) else None


def walk():
    """The steps; each ``yield`` waits: a number of ms, or (predicate, seconds) until it holds."""
    # 1. Plugins → Manage and Install Plugins… → Install from ZIP
    iface.mainWindow().showMaximized()
    yield 3000
    QTimer.singleShot(0, iface.actionManagePlugins().trigger)  # a modal dialog: its loop runs the walk on
    yield lambda: top("QgsPluginManager") is not None, 60
    manager = top("QgsPluginManager")
    yield 2000
    tabs = child(manager, "mOptionsListWidget")
    rows = [tabs.item(i).text() for i in range(tabs.count())]
    log("plugin manager tabs", rows)
    tabs.setCurrentRow(next(i for i, t in enumerate(rows) if "ZIP" in t))
    yield 1000
    child(manager, "mZipFileWidget").setFilePath(os.environ["WALK_ZIP"])
    yield 1000
    shot("01-install-from-zip")
    click(child(manager, "buttonInstallFromZip"))
    yield lambda: message_box() is not None or "rrsis_qgis" in qgis.utils.plugins, 60
    if message_box() is not None:
        box = message_box()
        log("message box:", box.text())
        shot("01b-security-warning")
        QTimer.singleShot(0, lambda: box.button(QMessageBox.Yes).click() if box.button(QMessageBox.Yes) else box.accept())
    yield lambda: "rrsis_qgis" in qgis.utils.plugins, 60
    yield 2000
    shot("01c-plugin-installed")
    manager.close()
    yield 1000

    # 2. a raster, the dock
    path = os.environ["WALK_RASTER"]
    layer = iface.addRasterLayer(path, os.path.basename(path))
    if layer is None or not layer.isValid():
        raise FileNotFoundError(f"cannot open {path} as a raster (set WALK_RASTER)")
    log("raster", path)
    yield 2000
    plugin = qgis.utils.plugins["rrsis_qgis"]
    plugin.action.trigger()
    yield 2000
    dock = plugin.dock
    shot("02-dock-new")
    click(dock.ui.startButton)  # what a new user does first
    yield lambda: plugin.session.backend.state == "down" and dock.ui.problemLabel.text(), 30
    yield 1500
    log("start without a backend:", dock.ui.problemLabel.text())
    shot("02b-start-without-backend")

    # 3. Settings → Install…
    click(dock.ui.settingsButton)
    yield lambda: top("SettingsDialog") is not None, 30
    settings = top("SettingsDialog")
    yield 1500
    shot("03-settings")
    click(settings.ui.installButton)
    yield lambda: getattr(settings, "installer_dialog", None) is not None and settings.installer_dialog.isVisible(), 30
    installer = settings.installer_dialog
    yield 1500
    log("installer choice:", installer.ui.choiceLabel.text(), "| folder:", installer.ui.folderWidget.filePath())
    shot("04-installer")

    # 4. Install (the automatic torch build first, as a new user would)
    t0 = time.monotonic()
    click(installer.ui.installButton)
    yield 1000
    yield lambda: installer.thread is None, 1500
    log(f"install (automatic build) ended after {time.monotonic() - t0:.0f} s:", installer.ui.resultLabel.text())
    shot("04b-install-automatic-ended")
    if not installer.ui.resultLabel.text().startswith("Installed"):
        combo = installer.ui.torchCombo
        combo.setCurrentIndex(combo.findData(os.environ.get("WALK_TORCH", "pypi")))
        yield 1000
        t0 = time.monotonic()
        click(installer.ui.installButton)
        yield 1500
        yield lambda: installer.thread is None or any(installer.ui.stepsList.item(i).text().startswith("▶") and i >= 2
                                                      for i in range(installer.ui.stepsList.count())), 600
        if installer.thread is not None:
            yield 8000
            shot("05-installing")
        yield lambda: installer.thread is None, 1800
        record["install_s"] = round(time.monotonic() - t0, 1)
        log(f"install ({combo.currentData()}) ended after {record['install_s']} s:", installer.ui.resultLabel.text())
    yield 1000
    shot("06-installed")
    env = installer.env_dir()
    record["env"] = str(env)
    du = subprocess.run(["du", "-sb", str(env)], capture_output=True, text=True).stdout.split()
    record["env_bytes"] = int(du[0]) if du else None
    log("environment", env, record["env_bytes"], "bytes")
    t0 = time.monotonic()
    click(installer.ui.installButton)
    yield 1000
    yield lambda: installer.thread is None, 300
    record["second_run_s"] = round(time.monotonic() - t0, 1)
    log(f"second install {record['second_run_s']} s:", installer.ui.resultLabel.text(),
        [installer.ui.stepsList.item(i).text() for i in range(installer.ui.stepsList.count())])
    shot("06b-second-run")
    installer.close()
    yield 1000

    # 5. Settings: the tiny-random model, OK
    model = settings.ui.modelCombo
    index = model.findData("tiny-random")
    if index < 0:
        index = next(i for i in range(model.count()) if "tiny-random" in model.itemText(i))
    model.setCurrentIndex(index)
    yield 1000
    log("settings python:", settings.ui.pythonEdit.text(), "| status:", settings.ui.installStatusLabel.text())
    shot("07-settings-after-install")
    click(settings.ui.buttons.button(QDialogButtonBox.Ok))
    yield lambda: top("SettingsDialog") is None, 30
    yield 1000

    # 6. Start, query
    click(dock.ui.startButton)
    t0 = time.monotonic()
    yield 1000
    yield lambda: plugin.session.backend.state in ("connected", "down"), 300
    record["start_s"] = round(time.monotonic() - t0, 1)
    log(f"backend {plugin.session.backend.state} after {record['start_s']} s:", plugin.session.backend.detail,
        "| badge:", dock.ui.statusBadge.text(), "| tooltip:", dock.ui.statusBadge.toolTip())
    yield 3000
    shot("08-started")
    rows = []
    plugin.session.resultsAdded.connect(rows.extend)
    phrase = dock.ui.phraseCombo
    phrase.setFocus()
    phrase.lineEdit().clear()
    QTest.keyClicks(phrase.lineEdit(), os.environ.get("WALK_PHRASE", "the white building"))
    QTest.keyClick(phrase.lineEdit(), Qt.Key_Return)
    t0 = time.monotonic()
    yield lambda: rows or plugin.session.backend.state == "down", 300
    yield lambda: not plugin.session.busy if hasattr(plugin.session, "busy") else True, 120
    record["query_s"] = round(time.monotonic() - t0, 1)
    view = " / ".join(dock.ui.viewInfo.text().splitlines())
    log(f"query: {len(rows)} rows after {record['query_s']} s | view: {view} |"
        f" problem: {dock.ui.problemLabel.text()}")
    yield 3000
    shot("09-result")
    log("done")


def drive(steps):
    """Run the walk's generator: an int waits that many ms; (predicate, seconds) waits until it holds."""
    try:
        wait = next(steps)
    except StopIteration:
        return quit_()
    except Exception:  # noqa: BLE001
        log("FAILED:", traceback.format_exc())
        shot("zz-failure")
        return quit_()
    if isinstance(wait, int):
        QTimer.singleShot(wait, lambda: drive(steps))
        return
    predicate, seconds = wait
    deadline = time.monotonic() + seconds

    def poll():
        try:
            ok = predicate()
        except Exception:  # noqa: BLE001
            ok = False
        if ok:
            drive(steps)
        elif time.monotonic() > deadline:
            log("TIMEOUT waiting", seconds, "s")
            shot("zz-timeout")
            quit_()
        else:
            QTimer.singleShot(250, poll)

    QTimer.singleShot(250, poll)


def quit_():
    QgsProject.instance().setDirty(False)
    record["total_s"] = round(time.monotonic() - started, 1)
    log("exiting")
    QTimer.singleShot(500, iface.actionExit().trigger)


QTimer.singleShot(2000, lambda: drive(walk()))
