"""The OpenAPI schema says what `image` is (base64 PNG or .npy), and says it the way the decoder reads it."""
import base64
import re

import numpy as np
import pytest

from rrsis_qgis.server.codec import decode_image
from rrsis_qgis.server.schemas import EncodeRequest, SegmentRequest
from tests.e2e.server_process import npy_b64, png_b64


def image_schema(model) -> dict:
    return model.model_json_schema()["properties"]["image"]


@pytest.mark.parametrize("model", [SegmentRequest, EncodeRequest])
def test_the_image_is_declared_as_base64_png_or_npy(model):
    schema = image_schema(model)
    assert schema["type"] == "string" and schema["contentEncoding"] == "base64" and schema["format"] == "base64-image"
    assert {s["contentMediaType"] for s in schema["oneOf"]} == {"image/png", "application/x-npy"}


ACCEPTED = [png_b64(np.zeros((8, 9, 3), np.uint8)), png_b64(np.zeros((9, 8), np.uint16)),
            png_b64(np.zeros((10, 10, 4), np.uint8)), npy_b64(np.zeros((8, 8, 3), np.uint8)),
            npy_b64(np.zeros((12, 8), np.float32)), npy_b64(np.zeros((8, 11, 4), np.uint16))]
REFUSED = ["AAAA", "not base64!", base64.b64encode(b"GIF89a....").decode(), ACCEPTED[0][:-1], ACCEPTED[3] + "A"]


@pytest.mark.parametrize("value", ACCEPTED)
def test_every_image_the_decoder_reads_matches_exactly_one_branch(value):
    decode_image(value, 64)
    assert sum(bool(re.search(s["pattern"], value)) for s in image_schema(SegmentRequest)["oneOf"]) == 1


@pytest.mark.parametrize("value", REFUSED)
def test_what_is_not_base64_png_or_npy_matches_no_branch(value):
    assert not any(re.search(s["pattern"], value) for s in image_schema(SegmentRequest)["oneOf"])
