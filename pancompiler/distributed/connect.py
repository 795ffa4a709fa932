"""Reaching a Dask cluster: a running scheduler by address, or a local one started here.

``DaskTarget`` says where a build runs: ``address`` (``tcp://host:port`` or
``tls://host:port`` of a ``dask-scheduler``) or ``local_workers`` (start a
``LocalCluster`` of that many single-threaded worker processes on 127.0.0.1 for
the build's duration).  ``connect`` yields a ``distributed.Client`` once at
least one worker is there and every worker runs the same pancompiler version;
anything that goes wrong on the way is one clear ``SystemError_`` line.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from dataclasses import dataclass

from ..errors import SystemError_


@dataclass(frozen=True)
class DaskTarget:
    address: str | None = None
    local_workers: int = 0
    timeout: float = 10.0           # seconds to reach the scheduler and to see a first worker
    ship: bool = False              # send the site's files to the workers instead of a shared path


def _worker_version() -> str:
    from .. import __version__
    return __version__


def _import_distributed():
    try:
        import distributed
    except ImportError:
        raise SystemError_("building on a Dask cluster needs the 'distributed' package "
                           "(pip install 'pancompiler[dask]')") from None
    return distributed


@contextmanager
def connect(target: DaskTarget):
    distributed = _import_distributed()
    cluster = None
    if target.local_workers:
        try:
            cluster = distributed.LocalCluster(n_workers=target.local_workers, threads_per_worker=1,
                                               processes=True, host="127.0.0.1", dashboard_address="127.0.0.1:0",
                                               silence_logs=logging.ERROR)
        except Exception as exc:  # noqa: BLE001 - any failure to start is one message
            raise SystemError_(f"cannot start a local Dask cluster: {exc}") from None
        address = cluster.scheduler_address
    else:
        address = target.address
    try:
        try:
            client = distributed.Client(address, timeout=f"{target.timeout}s", set_as_default=False)
        except Exception as exc:  # noqa: BLE001 - bad address, refused, timed out: all one message
            detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise SystemError_(f"cannot reach the Dask scheduler at {address}: {detail}") from None
        try:
            _check_workers(client, address, target.timeout)
            yield client
        finally:
            client.close()
    finally:
        if cluster is not None:
            cluster.close()


def _check_workers(client, address: str, timeout: float) -> None:
    try:
        client.wait_for_workers(1, timeout=timeout)
    except Exception:  # noqa: BLE001 - a timeout, whatever its class in this dask version
        raise SystemError_(f"the Dask scheduler at {address} has no workers "
                           f"(none connected within {timeout:g} s)") from None
    from .. import __version__
    try:
        versions = client.run(_worker_version)
    except Exception as exc:  # noqa: BLE001 - typically: pancompiler is not installed there
        raise SystemError_(f"the Dask workers of {address} cannot run pancompiler "
                           f"(is it installed in the workers' Python?): {exc}") from None
    wrong = sorted(f"{w} has {v}" for w, v in versions.items() if v != __version__)
    if wrong:
        raise SystemError_(f"Dask workers run another pancompiler version than {__version__}: "
                           + ", ".join(wrong))
