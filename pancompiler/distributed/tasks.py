"""What a Dask worker runs: one object of a build, through the local driver's worker code.

A Dask worker process lives across builds, so it keeps the driver's worker
state (``driver.worker``: one ``Session``, its compiled templates and built
objects) for one build at a time, identified by ``Build.id``; a task of a new
build starts afresh, so an edited template is never served from a stale cache.
Tasks of one process run one at a time (a lock), each in a thread with a deep
stack as ``panc`` itself does, so deeply nested templates compile the same way.
The outputs come back as bytes (``collect_outputs``): the machine that runs
the build writes them.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from ..driver import worker
from ..driver.session import ObjectSpec
from . import ship

STACK_SIZE = 512 * 1024 * 1024

_lock = threading.Lock()
_build_id: str | None = None


@dataclass
class Build:
    """What every task of one build shares; sent to each worker once."""

    id: str
    config: worker.WorkConfig
    bundle: ship.Bundle | None = None     # the site's files, when there is no shared path


def compile_object(build: Build, spec: ObjectSpec, want_root: bool, read: tuple,
                   *read_results) -> list[worker.Outcome]:
    """Compile ``spec``; ``read_results`` are the results of the tasks of objects in ``read``."""
    provided = [o for outcomes in read_results for o in outcomes if o.name in read]
    box: list = []
    with _lock:
        _start(build)
        view = ship.view_on_worker(build.bundle)
        previous = threading.stack_size(STACK_SIZE)
        try:
            thread = threading.Thread(target=lambda: box.append(_run(view, spec, provided, want_root)),
                                      name=f"pancompiler {spec.name}")
            thread.start()
        finally:
            threading.stack_size(previous)
        thread.join()
    if not box:
        raise RuntimeError(f"compiling {spec.name} stopped without a result")
    if isinstance(box[0], BaseException):
        raise box[0]
    return box[0]


def _run(view, spec, provided, want_root):
    try:
        outcomes = worker.compile_task(view.to_worker(spec), [view.to_worker(o) for o in provided],
                                       want_root)
        return [view.to_client(o) for o in outcomes]
    except BaseException as exc:  # noqa: BLE001 - re-raised in the task's thread
        return exc


def _start(build: Build) -> None:
    global _build_id
    if _build_id != build.id:
        view = ship.view_on_worker(build.bundle)
        worker.init_worker(view.to_worker(build.config))
        _build_id = build.id


def forget(build_id: str) -> bool:
    """Drop a finished build's session (its trees and compiled templates)."""
    global _build_id
    with _lock:
        if _build_id != build_id:
            return False
        worker.init_worker(worker.WorkConfig(worker.Options(), {}, [], "."))
        _build_id = None
        return True
