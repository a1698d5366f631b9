"""A backend on this computer is called directly (never through a proxy): which hosts are this computer."""
import pytest

from rrsis_qgis.qgis_core.http_transport import is_loopback


@pytest.mark.parametrize("host, loopback", [("127.0.0.1", True), ("127.8.0.3", True), ("::1", True),
                                            ("localhost", True), ("LOCALHOST", True), ("10.0.0.5", False),
                                            ("gpu.example.org", False), ("localhost.example.org", False)])
def test_loopback_hosts(host, loopback):
    assert is_loopback(host) is loopback

