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

import dataclasses
import threading
from dataclasses import dataclass, field

from ..driver import worker
from ..driver.session import ObjectSpec, Options
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
    keys: dict = field(default_factory=dict)   # object name -> key of its task


def compile_object(build: Build, spec: ObjectSpec, want_root: bool, read: tuple,
                   *read_results) -> list[worker.Outcome]:
    """Compile ``spec``; ``read_results`` are the results of the tasks of objects in ``read``."""
    provided = [_with_records(o) for outcomes in read_results for o in outcomes if o.name in read]
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
        return [_without_records(view.to_client(o)) for o in outcomes]
    except BaseException as exc:  # noqa: BLE001 - re-raised in the task's thread
        return exc


def _without_records(outcome: worker.Outcome) -> worker.Outcome:
    """Drop ``dependencies`` and ``lookups``: ``inputs`` holds the same, and results move less."""
    outcome.dependencies, outcome.lookups = {}, {}
    return outcome


def _with_records(outcome: worker.Outcome) -> worker.Outcome:
    """Rebuild ``dependencies`` and ``lookups`` from ``inputs`` (name, kind, path, lookup)."""
    if outcome.dependencies:
        return outcome
    dependencies, lookups = worker.records_of(outcome)
    return dataclasses.replace(outcome, dependencies=dependencies, lookups=lookups)


def _start(build: Build) -> None:
    global _build_id
    if _build_id != build.id:
        view = ship.view_on_worker(build.bundle)
        client = _worker_client()
        fetch = (lambda name: _fetch_from_peer(client, build, view, name)) if client is not None else None
        worker.init_worker(view.to_worker(build.config), fetch=fetch, freeze_templates=False,
                           collect_messages=True)
        _build_id = build.id


def _worker_client():
    try:
        from distributed import get_client
        return get_client()
    except Exception:  # noqa: BLE001 - not in a Dask task (tests, or no scheduler): no peers
        return None


def _fetch_from_peer(client, build: Build, view, name: str) -> bool:
    """Get an object another worker already finished in this build, instead of compiling it again.

    The scheduler says which worker holds the object's task result; that worker
    hands over the tree from its session.  Any failure means: compile it here.
    """
    key = build.keys.get(name)
    if key is None:
        return False
    try:
        holders = list(client.who_has([key]).get(key, ()))
        if not holders:
            return False
        answers = client.run(finished_on_peer, build.id, name, workers=holders[:1], on_error="return")
        found = next(iter(answers.values()), None)
    except Exception:  # noqa: BLE001 - a peer gone, a timeout: compile here
        return False
    if not isinstance(found, worker.Outcome):
        return False
    found = view.to_worker(found)
    worker.provide_finished(name, found.source, found.root, found.dependencies, found.lookups)
    return True


def finished_on_peer(build_id: str, name: str) -> worker.Outcome | None:
    """Run on the worker holding ``name``: its finished tree, paths as the build machine sees them."""
    if _build_id != build_id:
        return None
    found = worker.finished_object(name)
    if found is None:
        return None
    source, root, dependencies, lookups = found
    outcome = worker.Outcome(name, source, ok=True, dependencies=dependencies, lookups=lookups, root=root)
    return ship.view_for_client(outcome)


def forget(build_id: str) -> bool:
    """Drop a finished build's session (its trees and compiled templates)."""
    global _build_id
    with _lock:
        if _build_id != build_id:
            return False
        worker.init_worker(worker.WorkConfig(Options(), {}, [], "."))
        _build_id = None
        return True
