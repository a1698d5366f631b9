"""A real `dask scheduler` and two `dask worker` processes on 127.0.0.1; one is SIGKILLed in the middle of a run."""
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rrsis_qgis.cluster.connect import cluster_client
from rrsis_qgis.cluster.run import GridOptions, plan_scenes, run_cluster
from rrsis_qgis.cluster.tile_task import ModelSpec
from tests.unit.cluster_fixture import (OVERLAP, PHRASE, TILE, same_objects, single_backend, slow_truth_tile,
                                        write_red_scene)
from tests.unit.tiling_fixture import TruthBackend

REPO = Path(__file__).resolve().parents[2]
DASK = str(Path(sys.executable).parent / "dask")


def start(args, log: Path, importable: bool = True) -> subprocess.Popen:
    """A `dask …` process; ``importable``: with this repository on its path, as README asks of every one."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    if importable:
        env["PYTHONPATH"] = str(REPO)
    return subprocess.Popen([DASK, *args], cwd=REPO if importable else log.parent, env=env, stdout=log.open("w"),
                            stderr=subprocess.STDOUT)


@pytest.fixture(params=[True])
def scheduler_and_two_workers(tmp_path, request):
    info = tmp_path / "scheduler.json"
    procs = [start(["scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard", "--scheduler-file",
                    str(info)], tmp_path / "scheduler.log", importable=request.param)]
    try:
        deadline = time.monotonic() + 60
        while not info.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        address = json.loads(info.read_text())["address"]
        for n in range(2):
            procs.append(start(["worker", address, "--nthreads", "1", "--no-nanny", "--no-dashboard", "--host",
                                "127.0.0.1", "--name", f"w{n}"], tmp_path / f"worker{n}.log"))
        yield address, procs[1:]
    finally:
        for proc in procs:  # nothing of theirs is kept: no need to wait for a graceful close
            proc.kill()
            proc.wait()


@pytest.mark.slow
def test_a_worker_killed_in_the_middle_of_a_run_loses_nothing(scheduler_and_two_workers, tmp_path):
    address, workers = scheduler_and_two_workers
    raster = write_red_scene(tmp_path / "red.tif")
    reference = single_backend(raster, tmp_path / "reference.gpkg", TruthBackend())
    options = GridOptions(tile=TILE, overlap=OVERLAP)
    out = tmp_path / "cluster.gpkg"
    calls = []

    def kill_one_after_four_tiles(fraction, message):
        calls.append(message)
        if len(calls) == 4:
            os.kill(workers[0].pid, signal.SIGKILL)

    with cluster_client(address) as client:
        client.wait_for_workers(2, timeout=60)
        summary = run_cluster(client, plan_scenes([raster], options), PHRASE, str(out), ModelSpec("truth"), options,
                              progress=kill_one_after_four_tiles, task=slow_truth_tile)
    assert workers[0].wait(5) == -signal.SIGKILL
    assert summary.done == summary.tiles == 25 and summary.failed == 0
    assert summary.retried >= 1  # the tile it was running went to the other worker
    assert same_objects(out, reference)


@pytest.mark.slow
@pytest.mark.parametrize("scheduler_and_two_workers", [False], indirect=True)
def test_a_scheduler_that_cannot_import_the_package_stops_the_run_with_what_to_do(scheduler_and_two_workers,
                                                                                tmp_path):
    from rrsis_qgis.cluster.connect import ClusterError
    from rrsis_qgis.cluster.journal import journal_path

    address, _ = scheduler_and_two_workers
    raster = write_red_scene(tmp_path / "red.tif")
    options = GridOptions(tile=TILE, overlap=OVERLAP)
    out = tmp_path / "cluster.gpkg"
    with cluster_client(address) as client:
        client.wait_for_workers(2, timeout=60)
        with pytest.raises(ClusterError, match="PYTHONPATH"):
            run_cluster(client, plan_scenes([raster], options), PHRASE, str(out), ModelSpec("truth"), options,
                        task=slow_truth_tile)
    assert not out.exists() and journal_path(out).exists()  # nothing written, nothing lost
