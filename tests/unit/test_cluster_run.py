"""Tiled runs on a Dask cluster: the same objects as one backend in any finishing order, resume, failed tiles."""

import pytest

from rrsis_qgis.cluster import run as cluster_run
from rrsis_qgis.cluster.journal import journal_path
from rrsis_qgis.cluster.run import GridOptions, plan_scenes, run_cluster
from rrsis_qgis.cluster.tile_task import ModelSpec
from tests.unit.cluster_fixture import (OVERLAP, PHRASE, SIGNAL_DIR, TILE, late_first_tile, normalised, same_objects,
                                        single_backend, threads_client, truth_tile, write_red_scene)
from tests.unit.tiling_fixture import TruthBackend

OPTIONS = GridOptions(tile=TILE, overlap=OVERLAP)
TRUTH = ModelSpec("truth")


@pytest.fixture(scope="module")
def red_scene(tmp_path_factory):
    return write_red_scene(tmp_path_factory.mktemp("cluster") / "red.tif")


@pytest.fixture(scope="module")
def red_reference(red_scene, tmp_path_factory):
    return single_backend(red_scene, tmp_path_factory.mktemp("ref") / "ref.gpkg", TruthBackend())


def recorded_order(monkeypatch) -> list:
    """The tiles in the order the client took them in (each is journaled as it comes)."""
    order = []
    record = cluster_run.Journal.record

    def spy(self, source, key, *rest):
        order.append(key)
        return record(self, source, key, *rest)

    monkeypatch.setattr(cluster_run.Journal, "record", spy)
    return order


def test_objects_across_tile_borders_are_the_single_backends_whatever_order_tiles_finish(
        red_scene, red_reference, tmp_path, monkeypatch):
    order = recorded_order(monkeypatch)
    scenes = plan_scenes([red_scene], OPTIONS)
    out = tmp_path / "cluster.gpkg"
    with threads_client(3) as client:
        summary = run_cluster(client, scenes, PHRASE, str(out), TRUTH, OPTIONS, task=truth_tile)
    assert summary.features == 5 and summary.done == summary.tiles == 25 and summary.failed == 0
    assert order != sorted(order, key=lambda k: (k[1], k[0])) and sorted(order) == sorted(t.key for t in
                                                                                          scenes[0].grid.tiles)
    assert same_objects(out, red_reference)
    assert not journal_path(out).exists()  # the output is whole: no journal is left behind


def test_an_interrupted_run_resumes_where_it_stopped_and_writes_the_uninterrupted_output(
        red_scene, red_reference, tmp_path, monkeypatch):
    out = tmp_path / "resumed.gpkg"
    seen = []

    def interrupt_after_ten(fraction, message):
        seen.append(message)
        if len(seen) == 10:
            raise KeyboardInterrupt

    with threads_client(3) as client:
        with pytest.raises(KeyboardInterrupt):
            run_cluster(client, plan_scenes([red_scene], OPTIONS), PHRASE, str(out), TRUTH, OPTIONS,
                        progress=interrupt_after_ten, task=truth_tile)
        assert journal_path(out).exists() and not out.exists()
        order = recorded_order(monkeypatch)
        summary = run_cluster(client, plan_scenes([red_scene], OPTIONS), PHRASE, str(out), TRUTH, OPTIONS,
                              task=truth_tile)
    assert summary.resumed == 10 and len(order) == 15 and summary.done == 25  # only the rest was asked
    assert same_objects(out, red_reference)  # no object twice, none lost


def test_a_journal_of_another_run_is_not_mixed_in(red_scene, red_reference, tmp_path):
    out = tmp_path / "other.gpkg"

    def stop(fraction, message):
        raise KeyboardInterrupt

    with threads_client(3) as client:
        with pytest.raises(KeyboardInterrupt):
            run_cluster(client, plan_scenes([red_scene], OPTIONS), "another phrase", str(out), TRUTH, OPTIONS,
                        progress=stop, task=truth_tile)
        said = []
        summary = run_cluster(client, plan_scenes([red_scene], OPTIONS), PHRASE, str(out), TRUTH, OPTIONS,
                              task=truth_tile, say=said.append)
    assert summary.resumed == 0 and any("another run" in line for line in said)
    assert same_objects(out, red_reference)


def test_a_tile_with_a_corrupt_block_is_reported_and_counted_and_the_rest_is_written(red_reference, tmp_path):
    raster = write_red_scene(tmp_path / "corrupt.tif", corrupt_block=(12, 13))  # pixels x 768-832, y 832-896
    out = tmp_path / "corrupt.gpkg"
    with threads_client(3) as client:
        summary = run_cluster(client, plan_scenes([raster], OPTIONS), PHRASE, str(out), TRUTH, OPTIONS,
                              task=truth_tile)
    # the tiles of row 4 (y from 744) in columns 3 and 4 (x from 576, 744) are the only ones reading that block
    assert summary.failed == 2 and summary.done == 25
    assert sorted(line.split(": ")[0] for line in summary.failures) == ["corrupt.tif tile 3,4", "corrupt.tif tile 4,4"]
    assert all("TIFFReadEncodedTile" in line for line in summary.failures)
    written = [g for _, g in normalised(out)]
    untouched = [g for _, g in normalised(red_reference) if g.bounds[1] > 4000000 - 2 * 744]  # ends above row 4
    assert len(untouched) == 4 and all(any(g.equals_exact(w, 1e-6) for w in written) for g in untouched)
    assert len(written) == 5  # and the part of the fifth object that the tile left of the broken ones saw


def test_several_rasters_in_one_run_each_object_tagged_with_its_source(red_scene, tmp_path):
    second = write_red_scene(tmp_path / "second.tif")
    out = tmp_path / "two.gpkg"
    with threads_client(3) as client:
        summary = run_cluster(client, plan_scenes([red_scene, second], OPTIONS), PHRASE, str(out), TRUTH, OPTIONS,
                              task=truth_tile)
    from osgeo import ogr

    ds = ogr.Open(str(out))
    sources = sorted(f.GetField("src_layer") for f in ds.GetLayer(0))
    assert summary.rasters == 2 and summary.features == 10
    assert sources == ["red.tif"] * 5 + ["second.tif"] * 5


@pytest.mark.slow
def test_a_local_cluster_of_two_tiny_random_workers_gives_the_single_backends_objects(
        tiny_segmenter, tmp_path, monkeypatch):
    from rrsis_qgis.cluster.connect import cluster_client
    from rrsis_qgis.tiled import SegmenterAsk
    from rrsis_qgis.train.synthetic_scene import demo_scene, write_geotiff

    raster = str(tmp_path / "demo.tif")
    write_geotiff(raster, demo_scene(size=600, seed=0).image)
    reference = single_backend(raster, tmp_path / "single.gpkg", SegmenterAsk(tiny_segmenter), 256, 64)
    options = GridOptions(tile=256, overlap=64)
    order = recorded_order(monkeypatch)
    out = tmp_path / "cluster.gpkg"
    (tmp_path / "done").mkdir()
    monkeypatch.setenv(SIGNAL_DIR, str(tmp_path / "done"))  # the worker processes inherit it
    with cluster_client("local:2") as client:
        summary = run_cluster(client, plan_scenes([raster], options), PHRASE, str(out),
                              ModelSpec("tiny-random", "cpu"), options, task=late_first_tile)
    assert summary.done == 9 and summary.failed == 0 and summary.features >= 1
    assert order.index((0, 0)) >= 6  # the first tile came after six others: the merge did not wait for it
    assert same_objects(out, reference)
