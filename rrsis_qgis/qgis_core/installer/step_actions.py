"""What each install step does: uv fetched and unpacked, the venv made, torch / packages / sam2 installed, the self-test."""
from __future__ import annotations

import json
from typing import Callable

from .commands import Commands
from .errors import FetchError, InstallError
from .explain import explain
from .messages import tr
from .pins import backend_requirements
from .uv_wheel import INDEX_JSON, WheelError, find_local_wheel, pick_wheel, platform_tag, unpack_uv


def install_uv(commands: Commands, fetch: Callable, _repair: bool) -> None:
    plan = commands.plan
    tag = platform_tag(plan.os_name, plan.arch)
    try:
        if plan.wheelhouse:
            wheel = find_local_wheel(plan.wheelhouse, tag)
            data, sha = wheel.read_bytes(), None
        else:
            entry = pick_wheel(fetch(f"{plan.index_url}/uv/", INDEX_JSON), tag)
            commands.write_log(f"downloading {entry['url']}")
            data, sha = fetch(entry["url"], None), (entry.get("hashes") or {}).get("sha256")
        commands.check_cancel()
        unpack_uv(data, commands.uv.parent, sha)
    except WheelError as exc:
        raise InstallError(str(exc)) from exc
    except FetchError as exc:
        commands.check_cancel()
        raise InstallError(explain(f"failed to download: {exc}", "uv", 1)) from exc
    except OSError as exc:
        raise InstallError(explain(str(exc), "uv", 1)) from exc


def make_venv(commands: Commands, _fetch: Callable, _repair: bool) -> None:
    plan = commands.plan
    args = ["venv", "--clear", "--python", plan.python_version, str(plan.env_dir / "venv")]
    if plan.wheelhouse:
        args.insert(1, "--offline")
    commands.run_uv(args, "venv")


def install_torch(commands: Commands, _fetch: Callable, repair: bool) -> None:
    plan = commands.plan
    index = None if plan.wheelhouse else plan.choice.index_url
    try:
        # Reinstalled even when a torch 2.14.1 is there: another build (+cpu, +cu128) satisfies the same pin,
        # and uv would keep the old one.
        commands.pip(["--reinstall-package", "torch", "--reinstall-package", "torchvision", "torch", "torchvision"],
                     "torch", repair, torch_index=index)
    except InstallError as exc:
        if index and index in exc.output and str(exc).startswith(tr("No connection")):  # PyPI is reachable (uv came)
            raise InstallError(tr("The PyTorch index {} cannot be reached (PyPI can): allow that address, or "
                                  "choose “PyPI's default build” as the torch build.\n{}").format(index, exc)) from exc
        raise


def install_packages(commands: Commands, _fetch: Callable, repair: bool) -> None:
    listing = commands.plan.env_dir / "requirements-backend.txt"
    listing.write_text("\n".join(backend_requirements(commands.plan.requirements)) + "\n", "utf-8")
    commands.pip(["-r", str(listing)], "packages", repair)


def install_sam2(commands: Commands, _fetch: Callable, repair: bool) -> None:
    commands.pip(["setuptools", "wheel"], "sam2", False)  # sam2 builds against the installed torch: no isolation
    commands.pip(["--no-build-isolation", "sam2"], "sam2", repair, extra_env={"SAM2_BUILD_CUDA": "0"})


def run_selftest(commands: Commands, _fetch: Callable, _repair: bool) -> dict:
    plan = commands.plan
    output = commands.run([str(commands.python), "-m", "rrsis_qgis.selftest", "--device", plan.choice.device],
                          "selftest", cwd=plan.package_root, check=False)
    result = None
    for line in reversed(output.strip().splitlines()):
        try:
            result = json.loads(line)
            break
        except ValueError:
            continue
    if not isinstance(result, dict):
        raise InstallError(tr("The self-test printed no result: {}").format(output.strip()[-500:]))
    if not result.get("ok"):
        raise InstallError(tr("The self-test failed: {}").format(result.get("summary") or result))
    return result


# the steps in their order (uv → venv → torch → packages → sam2 → self-test), each (commands, fetch, repair) → result
ACTIONS = {"uv": install_uv, "venv": make_venv, "torch": install_torch, "packages": install_packages,
           "sam2": install_sam2, "selftest": run_selftest}
