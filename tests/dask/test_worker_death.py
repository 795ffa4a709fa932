"""A Dask worker killed in the middle of a build: its tasks run again elsewhere.

The synthetic site is built on the module's cluster while a watcher thread
waits until a worker process is compiling an object, then kills that process
with SIGKILL (its nanny starts a new one).  The build must still compile every
object, exit 0 and write exactly the bytes of the local build.
"""

from __future__ import annotations

import os
import signal
import threading
import time

from dask_helpers import assert_same_tree, panc_dask, stats, synthetic_args


def kill_a_busy_worker(client, killed: list, stop: threading.Event) -> None:
    pids = client.run(os.getpid)
    while not stop.is_set():
        busy = [w for w, keys in client.processing().items() if any(str(k).startswith("pan-") for k in keys)]
        if busy:
            # Let it get into the object's compilation, then kill it.
            time.sleep(0.3)
            os.kill(pids[busy[0]], signal.SIGKILL)
            killed.append(pids[busy[0]])
            return
        time.sleep(0.02)


def test_killed_worker_tasks_are_rerun(tmp_path, synthetic, dask_cluster, capsys):
    from distributed import Client
    site, local = synthetic
    out = tmp_path / "dask"
    out.mkdir()
    killed: list = []
    stop = threading.Event()
    with Client(dask_cluster.scheduler_address, set_as_default=False) as client:
        before = set(client.run(os.getpid).values())
        watcher = threading.Thread(target=kill_a_busy_worker, args=(client, killed, stop))
        watcher.start()
        try:
            code, err = panc_dask(capsys, dask_cluster, *synthetic_args(site, out))
        finally:
            stop.set()
            watcher.join()
        assert killed and killed[0] in before          # a worker really died mid-build
        client.wait_for_workers(2, timeout=60)
        assert killed[0] not in set(client.run(os.getpid).values())
    assert code == 0, err
    assert stats(err) == {"total": 6, "compiled": 6, "skipped": 0, "failed": 0}, err
    assert_same_tree(local, out)
