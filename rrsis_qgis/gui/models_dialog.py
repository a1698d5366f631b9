"""The model manager (models_dialog.ui): the checkpoints, on disk or not, verified or not; download, cancel, verify."""
from __future__ import annotations

import html
from pathlib import Path

from qgis.PyQt import uic
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QDialog, QHeaderView, QLabel, QMessageBox, QProgressBar, QPushButton, QTableWidgetItem

from ..qgis_core.model_manager import (CANCELLED, MISSING, NOT_PINNED, UNCHECKED, VERIFIED, WRONG, ModelManager,
                                       percent)

FORM, _ = uic.loadUiType(str(Path(__file__).with_name("models_dialog.ui")))
NAME, SIZE, DISK, CHECK, PROGRESS, ACTION = range(6)
ERROR_STYLE = "color: #d7301f;"


class ModelsDialog(QDialog):
    """Lists the manifest's checkpoints for ``models_dir`` using the backend Python ``python``.

    ``focus``: keys or file names to select and scroll to (e.g. the checkpoints a Start found missing). ``env``:
    extra environment for the processes (tests point RRSIS_WEIGHTS_MANIFEST at a local server).
    Closing the dialog stops its downloads; their .part files stay and the next download resumes.

    A checkpoint whose licence restricts use (SAM 3's SAM License) shows the licence first and downloads only
    after Accept; accepted once, a licence covers the other files under it while the window is open. The
    access token field goes with gated checkpoints only. It lives in the field alone, for as long as the
    window: not in QSettings (plain text on disk) and not in QGIS's authentication database (that needs a
    master password set up and a stored configuration id, for a token the user can keep in $HF_TOKEN).

    Download model takes the preset chosen above the table (models.json's and releases.json's names, as the rows'
    ``used_by`` tell them) and starts the downloads of its files not on disk, as their rows' buttons would.
    """

    def __init__(self, python: str, models_dir: str = "", focus=(), env=None, parent=None):
        super().__init__(parent)
        self.ui = FORM()
        self.ui.setupUi(self)
        self.focus = list(focus)
        self.rows: dict = {}  # key → ModelRow, as last listed
        self._checks: dict = {}  # key → (check, detail) learnt here (a verified download, Verify)
        self._errors: dict = {}  # key → the last download's failure
        self._percent: dict = {}  # key → last progress (None: unknown total)
        self._accepted: set = set()  # (licence, licence URL) accepted in this window
        self.license_box = None  # the last licence question (QMessageBox)
        self.manager = ModelManager(python, models_dir, env, self)
        self.manager.listed.connect(self._on_listed)
        self.manager.checked.connect(self._on_checked)
        self.manager.progress.connect(self._on_progress)
        self.manager.finished.connect(self._on_finished)
        self.manager.failed.connect(lambda message: self._say(message, error=True))
        self.manager.failed.connect(lambda _message: self.ui.verifyButton.setEnabled(True))
        table = self.ui.modelsTable
        table.horizontalHeader().setSectionResizeMode(NAME, QHeaderView.Stretch)
        for column in (SIZE, DISK, CHECK, PROGRESS, ACTION):
            table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeToContents)
        self.ui.refreshButton.clicked.connect(self.refresh)
        self.ui.verifyButton.clicked.connect(self.verify)
        self.ui.presetButton.clicked.connect(lambda: self.download_preset(self.ui.presetCombo.currentData()))
        self.ui.presetButton.setEnabled(False)
        self.ui.folderLabel.setText(self.tr("Models folder: {}").format(models_dir or self.tr("(the default)")))
        self.refresh()

    # actions ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.manager.refresh()

    def verify(self) -> None:
        self.ui.verifyButton.setEnabled(False)
        self._say(self.tr("computing the sha256 of the checkpoints on disk…"))
        self.manager.verify()

    def download(self, key: str) -> None:
        """Start (or resume) the download of ``key``, after its licence was accepted where it restricts use;
        the row's button turns into Cancel."""
        row = self.rows.get(key)
        if self._unaccepted([key]):
            self._ask_license(row.key, [key], row.file, lambda: self.download(key))
            return
        self._errors.pop(key, None)
        token = self.ui.tokenEdit.text().strip() if row is not None and row.gated else ""
        if self.manager.download(key, token=token, accept_license=bool(row and row.accept_license)):
            self._percent[key] = percent(row.partial or 0, row.size) if row else 0
            self._say(self.tr("downloading {}…").format(row.file if row else key))
            self._draw_row(key)

    def download_preset(self, name: str) -> None:
        """Download the files model ``name`` needs that are neither on disk nor downloading, after one licence
        question for those whose licence restricts use."""
        keys = [k for k, r in self.rows.items()
                if name in r.used_by and not r.present and k not in self.manager.downloads]
        if not keys:
            self._say(self.tr("{}: every file it needs is on disk or downloading").format(name))
        elif self._unaccepted(keys):
            self._ask_license(name, keys, name, lambda: self.download_preset(name))
        else:
            for key in keys:
                self.download(key)
            self._say(self.tr("{}: downloading {} files…").format(name, len(keys)))

    def cancel(self, key: str) -> None:
        self.manager.cancel(key)

    def _unaccepted(self, keys) -> list:
        """The (licence, URL) pairs not accepted yet in this window that restrict the use of ``keys``' files."""
        rows = [self.rows[k] for k in keys if k in self.rows]
        licences = [(r.license, r.license_url) for r in rows if r.accept_license]
        return list(dict.fromkeys(lic for lic in licences if lic not in self._accepted))

    def _ask_license(self, title: str, keys, name: str, then) -> None:
        """The licences of ``keys``, their links, Accept and download / Cancel; ``then`` runs after Accept.
        Window-modal, not blocking (tests click it)."""
        licences = self._unaccepted(keys)
        files = [r.file for r in self.rows.values() if (r.license, r.license_url) in licences]
        box = QMessageBox(QMessageBox.Information, self.tr("Licence of {}").format(title),
                          self.tr("These files come under a licence that restricts their use: {}. Read it; "
                                  "downloading means accepting it.").format(
                              ", ".join(f.replace("/", "/\u2060") for f in files)),  # a word joiner: no line break in a path
                          QMessageBox.Ok | QMessageBox.Cancel, self)
        box.setInformativeText("".join(
            f"<p>{html.escape(text)}</p>" + (f'<p><a href="{html.escape(url)}">{html.escape(url)}</a></p>' * bool(url))
            for text, url in licences))
        label = box.findChild(QLabel, "qt_msgbox_informativelabel")
        if label is not None:
            label.setOpenExternalLinks(True)
        box.button(QMessageBox.Ok).setText(self.tr("Accept and download"))
        box.setDefaultButton(QMessageBox.Cancel)
        box.finished.connect(lambda _result: self._on_license_answer(licences, name, then, box))
        if self.license_box is not None:
            self.license_box.deleteLater()
        self.license_box = box
        box.open()

    def _on_license_answer(self, licences, name: str, then, box) -> None:
        if box.clickedButton() is box.button(QMessageBox.Ok):
            self._accepted.update(licences)
            then()
        else:
            self._say(self.tr("{}: the licence was not accepted; nothing was downloaded").format(name))

    def done(self, result):  # noqa: D102 — every way of closing (Close, Esc, the window's ×) comes here
        self.manager.shutdown()
        super().done(result)

    # manager → widgets ------------------------------------------------------------------------
    def _on_listed(self, folder: str, rows) -> None:
        self.ui.folderLabel.setText(self.tr("Models folder: {}").format(folder))
        self.rows = {r.key: r for r in rows}
        for r in rows:
            if r.present and r.pinned and r.key in self._checks:
                r.check, r.check_detail = self._checks[r.key]
        self._list_presets(rows)
        table = self.ui.modelsTable
        table.setRowCount(len(rows))
        for key in self.rows:
            self._draw_row(key)
        focused = [i for i, r in enumerate(rows) if r.key in self.focus or r.file in self.focus]
        if focused:
            table.selectRow(focused[0])
            table.scrollToItem(table.item(focused[0], NAME))

    def _list_presets(self, rows) -> None:
        combo, chosen = self.ui.presetCombo, self.ui.presetCombo.currentData()
        names = list(dict.fromkeys(name for r in rows for name in r.used_by))
        combo.clear()
        for name in names:
            combo.addItem(name, name)
        combo.setCurrentIndex(max(0, combo.findData(chosen)))
        self.ui.presetButton.setEnabled(bool(names))

    def _on_checked(self, checks: dict) -> None:
        self.ui.verifyButton.setEnabled(True)
        self._checks.update(checks)
        for key, (check, detail) in checks.items():
            if key in self.rows:
                self.rows[key].check, self.rows[key].check_detail = check, detail
                self._draw_row(key)
        counts = [sum(c == kind for c, _ in checks.values()) for kind in (VERIFIED, NOT_PINNED, WRONG)]
        if not checks:
            self._say(self.tr("no checkpoint on disk to verify"))
        else:
            self._say(self.tr("{} verified, {} without a pinned sha256, {} wrong").format(*counts),
                      error=counts[2] > 0)

    def _on_progress(self, key: str, done: int, total: int) -> None:
        row = self.rows.get(key)
        self._percent[key] = percent(done, total or (row.size if row else None))
        self._draw_progress(key)
        index = self._index(key)
        if index is not None:
            mb = f"{done / 1e6:.1f} / {total / 1e6:.1f} MB" if total else f"{done / 1e6:.1f} MB"
            self.ui.modelsTable.item(index, DISK).setText(mb)

    def _on_finished(self, key: str, outcome: str, message: str) -> None:
        row = self.rows.get(key)
        name = row.file if row else key
        if outcome == "done":
            self._percent[key] = 100
            pinned = row is None or row.pinned
            self._checks[key] = (VERIFIED, "") if pinned else (NOT_PINNED, row.unverified or "")
            self._say(self.tr("{} downloaded and its sha256 verified").format(name) if pinned else
                      self.tr("{} downloaded; not verified: the manifest pins no sha256").format(name))
        elif outcome == CANCELLED:
            self._say(self.tr("{}: download cancelled; the partial file stays and the next download resumes it")
                      .format(name))
        else:
            self._errors[key] = message
            self._say(self.tr("{}: download failed: {}").format(name, message), error=True)
        self._draw_row(key)
        self.refresh()  # what is on disk now

    # drawing ----------------------------------------------------------------------------------
    def _index(self, key: str):
        return list(self.rows).index(key) if key in self.rows else None

    def _draw_row(self, key: str) -> None:
        index, row = self._index(key), self.rows.get(key)
        if index is None:
            return
        table = self.ui.modelsTable
        cells = {NAME: (row.key, self._name_tip(row)),
                 SIZE: (_size(row.size), ""), DISK: self._disk_text(row), CHECK: self._check_text(row)}
        for column, (text, tip) in cells.items():
            item = QTableWidgetItem(text)
            item.setToolTip(tip)
            table.setItem(index, column, item)
        if table.cellWidget(index, PROGRESS) is None:
            bar = QProgressBar()
            bar.setObjectName(f"progress_{key}")
            table.setCellWidget(index, PROGRESS, bar)
        self._draw_progress(key)
        button = table.cellWidget(index, ACTION)
        if button is None or button.objectName() != f"action_{key}":
            button = QPushButton()
            button.setObjectName(f"action_{key}")
            button.clicked.connect(lambda _checked=False, k=key: self._on_action(k))
            table.setCellWidget(index, ACTION, button)
        downloading = key in self.manager.downloads
        wrong = row.check == WRONG or (row.size and row.size_on_disk and row.size_on_disk != row.size)
        button.setText(self.tr("Cancel") if downloading else self.tr("Download again") if row.present and wrong
                       else self.tr("Resume") if row.partial else self.tr("Download"))
        button.setEnabled(downloading or not row.present or bool(wrong))
        button.setToolTip(self.tr("on disk") if not button.isEnabled() else "")

    def _draw_progress(self, key: str) -> None:
        index = self._index(key)
        bar = self.ui.modelsTable.cellWidget(index, PROGRESS) if index is not None else None
        if bar is None:
            return
        row, value = self.rows[key], self._percent.get(key, 0)
        if key not in self.manager.downloads and key not in self._percent:
            value = 100 if row.present else percent(row.partial or 0, row.size) or 0
        if value is None:  # unknown total: a busy bar
            bar.setRange(0, 0)
        else:
            bar.setRange(0, 100)
            bar.setValue(value)

    def _name_tip(self, row) -> str:
        lines = [row.file]
        if row.used_by:
            lines.append(self.tr("used by: {}").format(", ".join(row.used_by)))
        if row.license:
            lines.append(self.tr("licence: {}").format(row.license) + (f" ({row.license_url})" if row.license_url else ""))
        if row.gated:
            lines.append(self.tr("gated: request access on {}, then enter an access token below (or set HF_TOKEN)")
                         .format(row.gated))
        return "\n".join(lines)

    def _disk_text(self, row) -> tuple:
        if row.present:
            return self.tr("yes"), f"{row.size_on_disk} bytes"
        if row.partial:
            return self.tr("partial ({})").format(_size(row.partial)), self.tr("an interrupted download: it resumes")
        return self.tr("no"), ""

    def _check_text(self, row) -> tuple:
        if row.key in self._errors:
            return self.tr("download failed"), self._errors[row.key]
        text = {UNCHECKED: self.tr("not checked (Verify)"), VERIFIED: self.tr("verified"),
                NOT_PINNED: self.tr("not pinned"), WRONG: self.tr("wrong"), MISSING: "—"}[row.check]
        return text, row.check_detail or (row.unverified or "" if row.check == NOT_PINNED else "")

    def _on_action(self, key: str) -> None:
        if key in self.manager.downloads:
            self.cancel(key)
        else:
            self.download(key)

    def _say(self, text: str, error: bool = False) -> None:
        self.ui.messageLabel.setStyleSheet(ERROR_STYLE if error else "")
        self.ui.messageLabel.setText(text)


def open_models_dialog(owner, python: str, models_dir: str, focus=()) -> ModelsDialog:
    """The model manager as a window of ``owner`` (the dock or the settings dialog), kept in
    ``owner.models_dialog`` until it is closed and deleted."""
    dialog = ModelsDialog(python, models_dir, focus=focus, parent=owner)
    dialog.setAttribute(Qt.WA_DeleteOnClose)
    dialog.destroyed.connect(lambda *_: setattr(owner, "models_dialog", None))
    owner.models_dialog = dialog
    dialog.open()
    return dialog


def _size(size) -> str:
    if not size:
        return "?"
    return f"{size / 1e9:.2f} GB" if size >= 1e9 else f"{size / 1e6:.0f} MB" if size >= 1e6 else f"{size / 1e3:.0f} kB"
