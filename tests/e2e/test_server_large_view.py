"""The largest view the plugin's settings allow (4096 px) reaches the backend the plugin starts (default limits)."""
import numpy as np
import pytest

from rrsis_qgis.qgis_core.backend_client import BackendClient, BackendError
from tests.e2e.server_process import start_server

pytestmark = pytest.mark.slow


def test_a_4096_px_view_as_the_plugin_sends_it_is_not_refused_for_its_size(tmp_path):
    srv = start_server("--token-file", tmp_path / "token")  # no body limits given: as backend_process starts it
    try:
        client = BackendClient(srv.url, srv.token, timeout=300)
        image = np.random.default_rng(0).integers(0, 256, (4096, 4096, 4), dtype=np.uint8)  # RGB + validity
        with pytest.raises(BackendError) as err:  # a point off the image: decoded and checked, then refused
            client.segment(image, "the white storage tank", "largest-view", points=[[5000.0, 10.0, 1]])
        assert err.value.status == 422 and "outside the 4096×4096 px image" in err.value.message, err.value.message
    finally:
        assert srv.stop() == 0
