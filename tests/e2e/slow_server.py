"""`python -m tests.e2e.slow_server …`: the real backend, with every /v1/segment inference taking
RRSIS_TEST_SEGMENT_DELAY_S seconds longer (a CPU inference longer than a client's network timeout)."""
import os
import sys
import time

from rrsis_qgis.server import service
from rrsis_qgis.server.__main__ import main

_segment = service.Service.segment


def _slow_segment(self, *args, **kwargs):
    time.sleep(float(os.environ.get("RRSIS_TEST_SEGMENT_DELAY_S", "3")))
    return _segment(self, *args, **kwargs)


service.Service.segment = _slow_segment

if __name__ == "__main__":
    sys.exit(main())
