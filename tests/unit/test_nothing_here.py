"""'Nothing here': a spec's min_score reaches the zero-shot strategy; below it the result is empty, and the CLI
writes an empty layer and says so."""
import dataclasses

from rrsis_qgis.engine.specs import get_spec, load_specs
from rrsis_qgis.pipeline import segment_raster
from rrsis_qgis.train.synthetic_scene import demo_scene, write_geotiff


def test_min_score_comes_from_the_spec_and_random_weights_never_have_one(monkeypatch):
    import json
    from importlib import resources

    raw = json.loads(resources.files("rrsis_qgis.engine.configs").joinpath("models.json").read_text())
    raw["default"]["min_score"] = 0.21
    monkeypatch.setattr("rrsis_qgis.engine.specs.resources.files",
                        lambda _pkg: _Files(json.dumps(raw)))
    assert load_specs()["default"].min_score == 0.21
    assert get_spec("default-random").min_score is None
    assert load_specs()["tiny-random"].min_score is None


class _Files:
    def __init__(self, text):
        self.text = text

    def joinpath(self, _name):
        return self

    def read_text(self):
        return self.text


def test_below_min_score_the_result_is_empty_and_the_layer_too(tiny_segmenter, monkeypatch, tmp_path):
    image = demo_scene(size=128, seed=2).image
    found = tiny_segmenter.segment(image, "the white storage tank")
    assert found.masks and "absolute" in found.candidates[0]["terms"]
    monkeypatch.setattr(tiny_segmenter.strategy, "min_score", 2.0)  # cosine ≤ 1: nothing can pass
    empty = tiny_segmenter.segment(image, "the white storage tank")
    assert empty.masks == [] and empty.scores == []
    raster = write_geotiff(str(tmp_path / "scene.tif"), image)
    summary = segment_raster(tiny_segmenter, raster, "the white storage tank", str(tmp_path / "out.gpkg"))
    assert summary.features == 0 and (tmp_path / "out.gpkg").is_file()


def test_the_segmenter_hands_the_spec_threshold_to_the_strategy():
    from rrsis_qgis.engine.segmenter import Segmenter

    spec = dataclasses.replace(get_spec("tiny-random"), min_score=0.3)
    assert Segmenter(spec, device="cpu").strategy.min_score == 0.3
