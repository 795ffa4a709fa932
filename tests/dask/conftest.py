"""The Dask tests' fixtures: one ``LocalCluster`` per test module, a synthetic site.

Two single-threaded worker processes on 127.0.0.1, shared by every test of a
module and closed after it.  The synthetic site (``benchmarks/generate.py``)
and its local build are made once for the whole session.
"""

from __future__ import annotations

import logging

import pytest

from dask_helpers import generate_synthetic, panc_local, synthetic_args


@pytest.fixture(scope="module")
def dask_cluster():
    import distributed
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                       dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR)
    try:
        yield cluster
    finally:
        cluster.close()


@pytest.fixture(scope="session")
def synthetic(tmp_path_factory):
    """(site, output folder of its local build) for a small synthetic site."""
    base = tmp_path_factory.mktemp("synthetic")
    site = generate_synthetic(base / "site", nodes=6)
    out = base / "local"
    out.mkdir()
    done = panc_local(*synthetic_args(site, out))
    assert done.returncode == 0, done.stderr
    return site, out
