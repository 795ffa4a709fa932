"""Running the objects of a build as Dask tasks, and writing what comes back.

The counterpart of ``driver.scheduler.run`` for a cluster: the same networkx
graph of object references (from the previous build's state) orders the
work.  Every object is one task; an object known to be read by others is
submitted first, with higher priority, and its task's result (its tree) is an
input of its readers' tasks, so Dask moves it to them.  Objects a task had to
build along the way (references discovered now) come back with it, and their
own tasks are cancelled when nothing waits for them.  Workers render outputs
to bytes; this process writes them with the local writer (atomic, unchanged
files left alone) and reports each outcome as the local scheduler does.  A
worker that dies has its tasks rerun by Dask on the others; a task that still
cannot finish (it killed several workers) fails its object with a clear
message, and the build goes on.
"""

from __future__ import annotations

import dataclasses
import os
import time
import uuid

import networkx as nx

from ..driver import worker
from ..driver.scheduler import reference_graph
from ..driver.state import output_stamp
from ..driver.writer import write_atomic
from ..errors import RenderedError, SystemError_
from . import ship, tasks
from .connect import DaskTarget, connect


@dataclasses.dataclass
class Traffic:
    """Bytes moved, for the benchmarks: results that came back and what was sent once."""

    results: int = 0          # pickled size of every task result received
    tasks: int = 0
    sent_once: int = 0        # the build description (options, catalog, bundle)
    client_seconds: float = 0.0   # CPU time this process spent writing and recording results
    duplicates: int = 0       # objects compiled more than once (a cold build's reads)


# Set to a Traffic() to have the next builds add up what they move (benchmarks/dask_bench.py).
measure: Traffic | None = None


def run(specs, config: worker.WorkConfig, target: DaskTarget, known_refs: dict,
        on_outcome) -> dict[str, worker.Outcome]:
    """Compile every spec on the cluster; ``on_outcome(outcome)`` as each is written."""
    traffic = measure
    graph = reference_graph(specs, known_refs)
    # Objects others read first; otherwise by name, as the local scheduler does.
    order = list(nx.lexicographical_topological_sort(graph, key=lambda n: (graph.out_degree(n) == 0, n)))
    by_name = {s.name: s for s in specs}
    remote = dataclasses.replace(config, exchange=None, collect_outputs=True)
    with connect(target) as client:
        bundle = ship.pack(remote, specs) if target.ship else None
        build_id = uuid.uuid4().hex
        keys = {name: f"pan-{build_id}-{rank}" for rank, name in enumerate(order)}
        build = tasks.Build(build_id, remote, bundle, keys)
        if traffic is not None:
            traffic.sent_once = _size(build)
        # A task, not scattered data: if the worker holding it dies, Dask can make it again.
        build_future = client.submit(_identity, build, key=f"pan-{build.id}-build", pure=False)
        try:
            return _submit_and_collect(client, build, build_future, order, by_name, graph, config.outdir,
                                       on_outcome, traffic)
        finally:
            try:
                client.run(_forget, build.id, bundle)
            except Exception:  # noqa: BLE001 - workers already gone: nothing to free
                pass


def _identity(value):
    return value


def _forget(build_id: str, bundle) -> None:
    tasks.forget(build_id)
    ship.discard(bundle)


def _submit_and_collect(client, build, build_future, order, by_name, graph, outdir, on_outcome, traffic):
    from distributed import as_completed
    futures: dict[str, object] = {}
    names: dict[str, str] = {}
    for rank, name in enumerate(order):
        read = tuple(graph.predecessors(name))
        future = client.submit(tasks.compile_object, build_future, by_name[name], graph.out_degree(name) > 0,
                               read, *[futures[r] for r in read], key=build.keys[name], pure=False,
                               priority=len(order) - rank)
        futures[name] = future
        names[future.key] = name
    done: dict[str, worker.Outcome] = {}
    cancelled: set = set()
    for future in as_completed(list(futures.values()), loop=client.loop):
        name = names[future.key]
        if name in cancelled:
            continue
        try:
            if future.cancelled():
                raise RuntimeError("Dask cancelled the task")
            outcomes = future.result()
        except Exception as exc:  # noqa: BLE001 - a lost worker or a bug: the object fails
            if name not in done:
                done[name] = _lost(by_name[name], exc)
                on_outcome(done[name])
            continue
        if traffic is not None:
            traffic.results += _size(outcomes)
            traffic.tasks += 1
            started = time.thread_time()
        for outcome in outcomes:
            if outcome.name in done:
                if traffic is not None:
                    traffic.duplicates += 1
                continue
            done[outcome.name] = _write(outcome, outdir)
            on_outcome(outcome)
            other = futures.get(outcome.name)
            if other is not None and outcome.name != name and graph.out_degree(outcome.name) == 0:
                cancelled.add(outcome.name)      # built along the way: its own task is not needed
                other.cancel()
        # Results stay on the workers until the build ends: readers fetch trees from them.
        if traffic is not None:
            traffic.client_seconds += time.thread_time() - started
    return done


def _write(outcome: worker.Outcome, outdir: str) -> worker.Outcome:
    """Write the bytes a worker rendered, as the local worker would have."""
    files, outcome.files, outcome.root = outcome.files, {}, None
    if not outcome.ok:
        return outcome
    try:
        for rel, data in files.items():
            if write_atomic(os.path.join(outdir, rel), data):
                outcome.written += 1
            else:
                outcome.unchanged += 1
            outcome.outputs[rel] = output_stamp(outdir, rel)
    except OSError as exc:
        err = SystemError_(f"cannot write outputs of {outcome.name}: {exc.strerror or exc}", file=outcome.source)
        err.object = outcome.name
        outcome.ok, outcome.error = False, RenderedError(err)
    return outcome


def _lost(spec, exc: Exception) -> worker.Outcome:
    if type(exc).__name__ == "KilledWorker":
        why = "the Dask workers compiling it died too often (killed, or out of memory?)"
    else:
        why = f"its Dask task failed: {type(exc).__name__}: {exc}"
    err = SystemError_(f"{spec.name} was not compiled: {why}", file=spec.path)
    err.object = spec.name
    return worker.Outcome(spec.name, spec.path, ok=False, error=RenderedError(err))


def _size(value) -> int:
    import pickle
    return len(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
