"""The installer inside QGIS: QGIS's network (proxy, SSL, auth) for downloads, its proxy for uv, a worker thread."""
from __future__ import annotations

import platform
import sys
from pathlib import Path
from typing import Optional
from urllib.parse import quote

from qgis.core import QgsApplication, QgsBlockingNetworkRequest, QgsFeedback, QgsNetworkAccessManager
from qgis.PyQt.QtCore import QThread, QUrl, pyqtSignal
from qgis.PyQt.QtNetwork import QNetworkProxy, QNetworkRequest

from ...resources import PACKAGE_DIR
from .errors import Cancelled, FetchError, InstallError
from .plan import Plan
from .steps import Installer
from .torch_choice import choose_torch, detect_gpu

ENV_FOLDER = "rrsis_backend"


def default_env_dir() -> Path:
    """The private backend environment's folder: inside the active QGIS profile (Remove deletes it whole)."""
    return Path(QgsApplication.qgisSettingsDirPath()) / ENV_FOLDER


def pin_files() -> tuple:
    """constraints.txt and requirements.txt: inside the plugin (``make package`` copies them), else the checkout's."""
    for folder in (PACKAGE_DIR, PACKAGE_DIR.parent):
        if (folder / "constraints.txt").is_file() and (folder / "requirements.txt").is_file():
            return folder / "constraints.txt", folder / "requirements.txt"
    raise InstallError("constraints.txt / requirements.txt are missing from the plugin folder: reinstall the plugin")


def machine() -> tuple:
    """(os, arch) as the torch choice and uv's wheel names want them."""
    os_name = "windows" if sys.platform.startswith("win") else "darwin" if sys.platform == "darwin" else "linux"
    return os_name, platform.machine() or "x86_64"


def proxy_variables(kind: int, host: str, port: int, user: str = "", password: str = "",
                    excluded=()) -> dict:
    """QGIS's proxy as the environment variables uv reads (HTTP(S)_PROXY, ALL_PROXY for SOCKS, NO_PROXY)."""
    if not host or kind in (QNetworkProxy.NoProxy, QNetworkProxy.DefaultProxy):
        return {}
    auth = f"{quote(user, safe='')}:{quote(password, safe='')}@" if user else ""
    if kind == QNetworkProxy.Socks5Proxy:
        return {"ALL_PROXY": f"socks5://{auth}{host}:{port}", **_no_proxy(excluded)}
    url = f"http://{auth}{host}:{port}"
    return {"HTTPS_PROXY": url, "HTTP_PROXY": url, **_no_proxy(excluded)}


def _no_proxy(excluded) -> dict:
    hosts = [h.strip() for h in excluded if h.strip()]
    return {"NO_PROXY": ",".join(hosts)} if hosts else {}


def qgis_proxy_environment() -> dict:
    manager = QgsNetworkAccessManager.instance()
    proxy = manager.fallbackProxy()
    return proxy_variables(proxy.type(), proxy.hostName(), proxy.port(), proxy.user(), proxy.password(),
                           manager.excludeList())


def machine_plan(env_dir: Path, override: str = "auto", wheelhouse: Optional[Path] = None) -> tuple:
    """(Plan, detected GPU or None) for this computer."""
    os_name, arch = machine()
    gpu = detect_gpu()
    choice = choose_torch(os_name, arch, gpu[0] if gpu else None, override)
    constraints, requirements = pin_files()
    plan = Plan(env_dir=Path(env_dir), choice=choice, constraints=constraints, requirements=requirements,
                package_root=PACKAGE_DIR.parent, os_name=os_name, arch=arch,
                wheelhouse=Path(wheelhouse) if wheelhouse else None, environment=qgis_proxy_environment())
    return plan, gpu


class QgisFetch:
    """fetch(url, accept) → bytes through QgsBlockingNetworkRequest; ``cancel()`` aborts the running request."""

    def __init__(self):
        self.feedback = QgsFeedback()

    def __call__(self, url: str, accept: Optional[str] = None) -> bytes:
        request = QNetworkRequest(QUrl(url))
        request.setAttribute(QNetworkRequest.FollowRedirectsAttribute, True)
        if accept:
            request.setRawHeader(b"Accept", accept.encode())
        blocking = QgsBlockingNetworkRequest()
        if blocking.get(request, True, self.feedback) != QgsBlockingNetworkRequest.NoError:
            raise FetchError(blocking.errorMessage() or "download failed")
        return bytes(blocking.reply().content())

    def cancel(self) -> None:
        self.feedback.cancel()


class InstallThread(QThread):
    """Runs an Installer off the GUI thread. Signals: ``event(dict)`` per step/log line, ``done(outcome, message,
    result)`` with outcome "done" / "failed" / "cancelled"."""

    event = pyqtSignal(object)
    done = pyqtSignal(str, str, object)

    def __init__(self, plan: Plan, repair: bool = False, fetch=None, parent=None):
        super().__init__(parent)
        self.plan, self.repair = plan, repair
        self.fetch = fetch or QgisFetch()
        self.installer = Installer(plan, self.fetch, self.event.emit)

    def run(self) -> None:  # noqa: D102 (QThread's)
        try:
            result = self.installer.run(repair=self.repair)
        except Cancelled:
            self.done.emit("cancelled", "", {})
        except InstallError as exc:
            self.done.emit("failed", str(exc), {"step": exc.step})
        except Exception as exc:  # noqa: BLE001 - a bug must still end with a message, not a silent thread
            self.done.emit("failed", f"{type(exc).__name__}: {exc}", {})
        else:
            self.done.emit("done", str(result.get("summary", "")), result)

    def cancel(self) -> None:
        self.installer.cancel()
        cancel = getattr(self.fetch, "cancel", None)
        if cancel:
            cancel()
