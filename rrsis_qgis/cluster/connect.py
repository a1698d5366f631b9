"""`--cluster local:N | tcp://HOST:PORT` → a dask.distributed Client (and the LocalCluster it owns)."""
from __future__ import annotations

import contextlib
import logging
import re
import signal
from typing import Iterator

CONNECT_TIMEOUT_S = 20
LOCAL = re.compile(r"^local:(\d+)$")


class ClusterError(RuntimeError):
    """No cluster could be reached or started; the message says what to do."""


def check_address(address: str) -> str:
    """Refuse a malformed address before anything starts (an argparse type)."""
    match = LOCAL.match(address)
    if match:
        if not 1 <= int(match.group(1)) <= 256:
            raise ValueError(f"--cluster {address}: local:N takes 1 to 256 workers")
        return address
    if re.match(r"^(tcp|tls|ws|wss|inproc)://[^\s/]+$", address):
        return address
    raise ValueError(f"--cluster {address!r}: write local:N (N worker processes here) or the scheduler's "
                     "address, e.g. tcp://10.0.0.5:8786")


@contextlib.contextmanager
def cluster_client(address: str) -> Iterator:
    """A connected Client; a LocalCluster of one-thread worker processes for ``local:N``; closed afterwards."""
    from dask.distributed import Client, LocalCluster

    match = LOCAL.match(check_address(address))
    if not logging.getLogger().isEnabledFor(logging.DEBUG):  # Dask's INFO lines would drown the progress bar
        logging.getLogger("distributed").setLevel(logging.ERROR)
    cluster = None
    try:
        if match:
            with _children_ignore_ctrl_c():
                cluster = LocalCluster(n_workers=int(match.group(1)), threads_per_worker=1, processes=True,
                                       dashboard_address=":0", scheduler_kwargs={"dashboard": _has_dashboard()},
                                       silence_logs=logging.ERROR)  # ":0": a free port, never "8787 is in use"
            client = Client(cluster)
        else:
            client = Client(address, timeout=CONNECT_TIMEOUT_S)
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        raise ClusterError(f"no Dask scheduler answers at {address} ({exc}); start one with `dask scheduler` and "
                           "workers with `dask worker ADDRESS --nthreads 1` (README: Many scenes on a Dask cluster)"
                           ) from None
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


@contextlib.contextmanager
def _children_ignore_ctrl_c() -> Iterator[None]:
    """Worker processes started in here inherit an ignored SIGINT: a Ctrl+C in the terminal (sent to the whole
    process group) is this process's to handle — it keeps the journal and closes the cluster — and no worker
    prints a KeyboardInterrupt traceback on the way."""
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread: signals are not ours to change
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def dashboard_link(client) -> str:
    """The scheduler's dashboard URL, or "" without bokeh here (a scheduler from the same venv has none either)."""
    try:
        return client.dashboard_link if _has_dashboard() else ""
    except Exception:  # noqa: BLE001 (a link is a nicety: never fail a run for it)
        return ""


def _has_dashboard() -> bool:
    try:
        import bokeh  # noqa: F401
    except ImportError:
        return False
    return True
