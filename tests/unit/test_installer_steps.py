"""The installer's steps with a fake uv: order, resume, no-op second run, each failure's message, Cancel, offline."""
from __future__ import annotations

import json
import os
import subprocess
import threading
import time
from pathlib import Path

import pytest

from rrsis_qgis.qgis_core.installer import steps as steps_module
from rrsis_qgis.qgis_core.installer.env_check import env_problem
from rrsis_qgis.qgis_core.installer.env_folder import STATE_FILE, read_state
from rrsis_qgis.qgis_core.installer.errors import Cancelled, FetchError, InstallError
from rrsis_qgis.qgis_core.installer.plan import Plan
from rrsis_qgis.qgis_core.installer.steps import Installer
from rrsis_qgis.qgis_core.installer.torch_choice import choose_torch
from tests.unit.installer_fakes import FakeIndex, uv_calls, uv_wheel, write_pins

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def fake(tmp_path, monkeypatch):
    log = tmp_path / "uv-calls.jsonl"
    monkeypatch.setenv("RRSIS_FAKE_UV_LOG", str(log))
    monkeypatch.delenv("RRSIS_FAKE_UV_MODE", raising=False)
    constraints, requirements = write_pins(tmp_path)

    def make(env_dir=None, choice=None, fetch=None, **kw):
        plan = Plan(env_dir=env_dir or tmp_path / "profile" / "rrsis_backend",
                    choice=choice or choose_torch("windows", "AMD64", "572.16"), constraints=constraints,
                    requirements=requirements, package_root=REPO, os_name="linux", arch="x86_64",
                    environment={"HTTPS_PROXY": "http://proxy.example:3128"}, **kw)
        events = []
        return Installer(plan, fetch or FakeIndex(), events.append), events

    make.log, make.tmp, make.constraints = log, tmp_path, constraints
    return make


def statuses(events):
    return [(e["step"], e["status"]) for e in events if e["event"] == "step"]


def test_a_fresh_install_runs_every_step_in_order_and_marks_the_env_complete(fake):
    installer, events = fake()
    result = installer.run()
    assert result["ok"] and result["summary"] == "CPU"
    assert [s for s, status in statuses(events) if status == "done"] == list(steps_module.STEPS)
    state = read_state(installer.plan.env_dir)
    assert state["complete"] and state["python"] == str(installer.python) and not env_problem(str(installer.python))
    venv, torch, packages, tools, sam2 = (c["args"] for c in uv_calls(fake.log))
    assert venv[:4] == ["venv", "--clear", "--python", "3.11"]
    assert torch[-2:] == ["torch", "torchvision"] and "-c" in torch
    assert torch[torch.index("--extra-index-url") + 1] == "https://download.pytorch.org/whl/cu128"
    assert "unsafe-best-match" in torch
    listing = Path(packages[packages.index("-r") + 1]).read_text().split()
    assert listing == ["numpy", "transformers", "pillow"]  # no test-only packages in a user's backend
    assert sam2[-2:] == ["--no-build-isolation", "sam2"] and uv_calls(fake.log)[-1]["sam2_build_cuda"] == "0"
    assert all(c["proxy"] == "http://proxy.example:3128" for c in uv_calls(fake.log))  # QGIS's proxy reaches uv
    assert all(c["cache"] == str(installer.plan.env_dir / "cache") for c in uv_calls(fake.log))  # Remove: all gone


def test_the_second_run_is_a_no_op_and_a_changed_pin_redoes_only_what_depends_on_it(fake):
    installer, _ = fake()
    installer.run()
    calls = len(uv_calls(fake.log))
    again, events = fake()
    again.run()
    assert statuses(events) == [(s, "skipped") for s in steps_module.STEPS]
    assert len(uv_calls(fake.log)) == calls and again.fetch.calls == []
    fake.constraints.write_text(fake.constraints.read_text().replace("transformers==5.24.0", "transformers==5.24.1"))
    third, events = fake()
    third.run()
    assert [s for s, status in statuses(events) if status == "done"] == ["packages", "sam2", "selftest"]


def test_another_torch_build_replaces_the_installed_torch(fake):
    """Seen in the walk: PyPI's torch installed, then the CPU build chosen — uv found torch 2.14.1 already there
    ("Checked 2 packages") and kept the CUDA wheel while the env said CPU build."""
    installer, _ = fake(choice=choose_torch("linux", "x86_64", None, "pypi"))
    installer.run()
    cpu, events = fake(choice=choose_torch("linux", "x86_64", None, "cpu"))
    cpu.run()
    assert [s for s, status in statuses(events) if status == "done"][0] == "torch"
    torch_calls = [c["args"] for c in uv_calls(fake.log) if "torch" in c["args"]]
    assert len(torch_calls) == 2 and "https://download.pytorch.org/whl/cpu" in torch_calls[1]
    pairs = list(zip(torch_calls[1], torch_calls[1][1:]))
    assert ("--reinstall-package", "torch") in pairs and ("--reinstall-package", "torchvision") in pairs


def test_no_network_fails_with_a_message_leaves_the_env_unusable_and_the_next_run_resumes(fake, monkeypatch):
    monkeypatch.setenv("RRSIS_FAKE_UV_MODE", "nonet-packages")
    installer, events = fake()
    with pytest.raises(InstallError, match="No connection to the package index") as failure:
        installer.run()
    assert failure.value.step == "packages" and "dns error" in str(failure.value)
    state = read_state(installer.plan.env_dir)
    assert not state["complete"] and state["failed"]["step"] == "packages" and "packages" not in state["steps"]
    assert "installed" in env_problem(str(installer.python))  # Start refuses it
    assert "dns error" in (installer.plan.env_dir / "install.log").read_text()
    monkeypatch.delenv("RRSIS_FAKE_UV_MODE")
    again, events = fake()
    again.run()
    assert statuses(events)[:3] == [("uv", "skipped"), ("venv", "skipped"), ("torch", "skipped")]
    assert read_state(installer.plan.env_dir)["complete"] and not env_problem(str(installer.python))


def test_no_network_for_uv_itself(fake):
    installer, _ = fake(fetch=FakeIndex(error=FetchError("Host pypi.org not found")))
    with pytest.raises(InstallError, match="No connection to the package index"):
        installer.run()
    assert not read_state(installer.plan.env_dir)["complete"]


@pytest.mark.parametrize("index, words", [
    (FakeIndex(sha="1" * 64), "sha256 mismatch"),  # a download cut or altered on the way
    (FakeIndex(wheel=uv_wheel(broken=True)), "damaged"),  # the index's sha256 matches a truncated zip
])
def test_a_damaged_uv_wheel_is_refused(fake, index, words):
    installer, _ = fake(fetch=index)
    with pytest.raises(InstallError, match=words):
        installer.run()
    assert not installer.uv.exists()


def test_a_broken_package_wheel_says_repair_and_repair_fetches_again(fake, monkeypatch):
    monkeypatch.setenv("RRSIS_FAKE_UV_MODE", "broken-torch")
    installer, _ = fake()
    with pytest.raises(InstallError, match="damaged: press Repair"):
        installer.run()
    (installer.plan.env_dir / "cache").mkdir(exist_ok=True)
    (installer.plan.env_dir / "cache" / "torch.whl").write_bytes(b"half")
    monkeypatch.delenv("RRSIS_FAKE_UV_MODE")
    repair, events = fake()
    repair.run(repair=True)
    assert not (installer.plan.env_dir / "cache" / "torch.whl").exists()
    assert all("--reinstall" in c["args"] for c in uv_calls(fake.log)[-4:] if c["args"][0] == "pip"
               and "setuptools" not in c["args"])
    assert read_state(installer.plan.env_dir)["complete"]


def test_cancel_kills_the_running_step_and_leaves_resumable_state(fake, monkeypatch):
    monkeypatch.setenv("RRSIS_FAKE_UV_MODE", "hang-torch")
    installer, events = fake()
    outcome = {}

    def work():
        try:
            installer.run()
        except Cancelled:
            outcome["cancelled"] = True

    thread = threading.Thread(target=work)
    thread.start()
    deadline = time.monotonic() + 60
    while not any(e.get("line", "").startswith("Downloading torch") for e in events) and time.monotonic() < deadline:
        time.sleep(0.05)
    installer.cancel()
    thread.join(30)
    assert not thread.is_alive() and outcome == {"cancelled": True}
    assert ("torch", "cancelled") in statuses(events)
    state = read_state(installer.plan.env_dir)
    assert not state["complete"] and set(state["steps"]) == {"uv", "venv"}
    monkeypatch.delenv("RRSIS_FAKE_UV_MODE")
    again, events = fake()
    again.run()
    assert statuses(events)[:2] == [("uv", "skipped"), ("venv", "skipped")]


def test_an_unwritable_folder_is_refused_before_anything_runs(fake, tmp_path):
    blocked = tmp_path / "profile-is-a-file"
    blocked.write_text("not a folder")
    installer, _ = fake(env_dir=blocked / "rrsis_backend")
    with pytest.raises(InstallError, match="Cannot write to .*choose another folder"):
        installer.run()
    assert uv_calls(fake.log) == []


def test_an_unwritable_folder_by_permissions(fake, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("running as root: permissions do not stop root (the path-is-a-file test covers it)")
        installer, _ = fake(env_dir=locked / "rrsis_backend")
        with pytest.raises(InstallError, match="Cannot write to"):
            installer.run()
    finally:
        locked.chmod(0o700)


def test_too_little_disk_space_is_said_before_downloading(fake, monkeypatch):
    monkeypatch.setattr(steps_module.shutil, "disk_usage", lambda path: type("Usage", (), {"free": 300 * 1024 ** 2}))
    installer, _ = fake()
    with pytest.raises(InstallError, match=r"Not enough disk space .* 0\.3 GB free, the backend needs about 8 GB"):
        installer.run()
    assert [c["args"][0] for c in uv_calls(fake.log)] == ["venv"]  # torch was never started


@pytest.fixture
def small_tmpfs(tmp_path):
    mount = tmp_path / "tmpfs"
    mount.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", str(mount)],
                                           capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_disk_that_fills_up_during_the_install_says_so(fake, small_tmpfs, monkeypatch):
    monkeypatch.setattr(steps_module, "disk_needed", lambda choice: 0)  # past the check: the disk fills while writing
    monkeypatch.setenv("RRSIS_FAKE_UV_MODE", "diskfull-torch")
    installer, _ = fake(env_dir=small_tmpfs / "rrsis_backend")
    with pytest.raises(InstallError, match="The disk is full") as failure:
        installer.run()
    assert "os error 28" in str(failure.value)
    assert not read_state(installer.plan.env_dir)["complete"]


def test_a_small_disk_is_refused_by_the_space_check(fake, small_tmpfs):
    installer, _ = fake(env_dir=small_tmpfs / "rrsis_backend")
    with pytest.raises(InstallError, match="Not enough disk space"):
        installer.run()


def test_a_failing_self_test_leaves_the_env_incomplete(fake, monkeypatch):
    monkeypatch.setenv("RRSIS_FAKE_SELFTEST", json.dumps({"ok": False, "summary": "torch does not import: DLL"}))
    installer, _ = fake()
    with pytest.raises(InstallError, match="self-test failed: torch does not import"):
        installer.run()
    assert env_problem(str(installer.python))


def test_a_repair_of_a_complete_env_marks_it_incomplete_while_it_runs(fake, monkeypatch):
    installer, _ = fake()
    installer.run()
    monkeypatch.setenv("RRSIS_FAKE_UV_MODE", "nonet-torch")
    again, _ = fake()
    with pytest.raises(InstallError):
        again.run(repair=True)
    assert env_problem(str(installer.python))


def test_offline_from_a_folder_never_touches_the_network(fake, tmp_path):
    house = tmp_path / "wheelhouse"
    house.mkdir()
    (house / "uv-0.13.8-py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64.whl").write_bytes(uv_wheel())
    index = FakeIndex(error=AssertionError("no network offline"))
    installer, _ = fake(fetch=index, wheelhouse=house)
    installer.run()
    assert index.calls == []
    for call in uv_calls(fake.log):
        assert "--offline" in call["args"]
        if call["args"][0] == "pip":
            assert "--no-index" in call["args"] and call["args"][call["args"].index("--find-links") + 1] == str(house)
            assert "--index-url" not in call["args"] and "--extra-index-url" not in call["args"]


def test_offline_without_uv_in_the_folder_says_what_is_missing(fake, tmp_path):
    house = tmp_path / "empty"
    house.mkdir()
    installer, _ = fake(wheelhouse=house)
    with pytest.raises(InstallError, match="has no uv 0.13.8 wheel"):
        installer.run()


def test_state_file_is_json_and_start_accepts_other_pythons(fake):
    installer, _ = fake()
    installer.run()
    assert json.loads((installer.plan.env_dir / STATE_FILE).read_text())["complete"] is True
    assert env_problem("/usr/bin/python3") == ""


def test_the_self_test_line_is_known_only_for_a_complete_env(fake, monkeypatch):
    from rrsis_qgis.qgis_core.installer.env_check import installed_summary

    monkeypatch.setenv("RRSIS_FAKE_UV_MODE", "nonet-sam2")
    installer, _ = fake()
    with pytest.raises(InstallError):
        installer.run()
    assert installed_summary(str(installer.python)) == ""
    monkeypatch.delenv("RRSIS_FAKE_UV_MODE")
    installer.run()
    assert installed_summary(str(installer.python)) == "CPU" and installed_summary("/usr/bin/python3") == ""


def test_an_unreachable_pytorch_index_is_named_with_the_way_out(fake, monkeypatch):
    monkeypatch.setenv("RRSIS_FAKE_UV_MODE", "noindex-torch")
    installer, _ = fake()
    with pytest.raises(InstallError, match="The PyTorch index https://download.pytorch.org/whl/cu128 cannot be "
                                           "reached .*PyPI's default build"):
        installer.run()


def test_a_venv_deleted_by_hand_is_made_again_with_everything_after_it(fake):
    import shutil

    installer, _ = fake()
    installer.run()
    shutil.rmtree(installer.plan.env_dir / "venv")
    again, events = fake()
    again.run()
    assert statuses(events)[0] == ("uv", "skipped")
    assert [s for s, status in statuses(events) if status == "done"] == list(steps_module.STEPS[1:])
