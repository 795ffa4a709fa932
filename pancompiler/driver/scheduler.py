"""Running the objects of a build over worker processes, in dependency order.

Objects known (from the previous build) to read other objects are scheduled
after them, using a networkx graph of object references; the referenced trees
are handed to the dependent's worker so nothing is built twice.  References
discovered during this build are handled by the worker itself (it builds the
other object and reports it too, and the scheduler then drops its own task for
it; an object whose task is already running elsewhere is only built for its
tree, and left to that task to check, write and report).  The first object is compiled in this process before the pool forks, so
the workers start with its templates already parsed and compiled.  Work runs
in a process pool (the interpreter lock rules out threads for this); with one
worker or a single object it runs in this process.
"""

from __future__ import annotations

import dataclasses
import heapq
import multiprocessing
import os
import queue
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from . import worker
from .session import ObjectSpec


def reference_graph(specs: list[ObjectSpec], known_refs: dict[str, list]):
    """A networkx graph of the objects to build, edges referenced -> referencing; cycles cut."""
    import networkx as nx               # a tenth of a second to import: only when needed
    graph = nx.DiGraph()
    graph.add_nodes_from(s.name for s in specs)
    names = set(graph)
    graph.add_edges_from((ref, spec.name) for spec in specs for ref in known_refs.get(spec.name, ())
                         if ref in names and ref != spec.name)
    for component in nx.strongly_connected_components(graph):
        if len(component) > 1:          # a cycle: it will be reported when compiled
            graph.remove_edges_from([(a, b) for a, b in list(graph.edges(component)) if b in component])
    return graph


def run(specs: list[ObjectSpec], config: worker.WorkConfig, nthread: int, known_refs: dict,
        on_outcome) -> dict[str, worker.Outcome]:
    """Compile every spec; ``on_outcome(outcome)`` is called as each finishes."""
    by_name = {s.name: s for s in specs}
    known = any(known_refs.get(spec.name) for spec in specs)
    graph = reference_graph(specs, known_refs) if known else None
    if graph is None:                   # no object known to read another (a first build)
        order, needed_roots = sorted(by_name), set()
    else:
        import networkx as nx
        order = list(nx.lexicographical_topological_sort(graph))
        needed_roots = {n for n in graph if graph.out_degree(n) > 0}
    workers = nthread or os.cpu_count() or 1
    workers = max(1, min(workers, len(specs)))
    if workers == 1:
        return _run_here(order, by_name, config, needed_roots, on_outcome)
    return _run_pool(order, by_name, graph, config, needed_roots, workers, on_outcome)


def _lost(spec: ObjectSpec) -> worker.Outcome:
    from ..errors import RenderedError, SystemError_
    err = SystemError_(f"the worker process compiling {spec.name} died (killed, or out of memory?)",
                       file=spec.path)
    err.object = spec.name
    return worker.Outcome(spec.name, spec.path, ok=False, error=RenderedError(err))


def _run_here(order, by_name, config, needed_roots, on_outcome) -> dict:
    worker.init_worker(config)
    done: dict[str, worker.Outcome] = {}
    for name in order:
        if name in done:
            continue
        for outcome in worker.compile_task(by_name[name], [], False):
            if outcome.name not in done:
                on_outcome(outcome)
                done[outcome.name] = _kept(outcome, needed_roots)
    return done


def _run_pool(order, by_name, graph, config, needed_roots, workers, on_outcome) -> dict:
    done: dict[str, worker.Outcome] = {}
    running: dict = {}                  # future -> name
    started: set = set()
    # Compile the first object here, then fork the workers: they inherit the
    # templates it parsed and compiled (for a site, usually most of them) and
    # share those pages instead of each parsing them again.
    worker.init_worker(config)
    first = order[0]
    for outcome in worker.compile_task(by_name[first], [], first in needed_roots):
        if outcome.name not in done:
            done[outcome.name] = outcome
            on_outcome(outcome)
    # Objects whose known references are all done wait in ``ready``, in the order of ``order``
    # (a heap of positions); each finished object counts down what its readers still wait for.
    # Recomputing the ready list from scratch after every result was quadratic in the site.
    position = {name: i for i, name in enumerate(order)}
    predecessors = graph.predecessors if graph is not None else _no_predecessors
    unfinished = {name: sum(1 for p in predecessors(name) if p not in done)
                  for name in order if name not in done}
    ready = [position[name] for name, count in unfinished.items() if count == 0]
    heapq.heapify(ready)

    def finished(name: str) -> None:
        if graph is None or name not in graph:
            return
        for reader in graph.successors(name):
            if reader in unfinished:
                unfinished[reader] -= 1
                if unfinished[reader] == 0:
                    heapq.heappush(ready, position[reader])

    finished_futures: queue.SimpleQueue = queue.SimpleQueue()
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                             initializer=worker.init_forked_worker, initargs=(config,)) as pool:
        while ready or running:
            # Keep every worker busy (two objects each in flight).
            while ready and len(running) < 2 * workers:
                name = order[heapq.heappop(ready)]
                if name in done or name in started:
                    continue
                provided = [done[p] for p in predecessors(name)]
                future = pool.submit(worker.compile_task, by_name[name], provided, name in needed_roots,
                                     frozenset(running.values()))
                running[future] = name
                started.add(name)
                future.add_done_callback(finished_futures.put)
            if not running:
                break
            # Futures report themselves when done: concurrent.futures.wait() set up and tore down
            # a waiter on every running future for each result (a fifth of the parent's time).
            future = finished_futures.get()
            name = running.pop(future)
            try:
                outcomes = future.result()
            except BrokenProcessPool:
                # A worker died (killed, out of memory): fail what was running
                # and finish the rest in this process.
                for lost in [name, *running.values()]:
                    if lost not in done:
                        done[lost] = _lost(by_name[lost])
                        on_outcome(done[lost])
                rest = [n for n in order if n not in done]
                done.update(_run_here(rest, by_name, config, needed_roots, on_outcome))
                return done
            for outcome in outcomes:
                if outcome.name in done:
                    continue
                on_outcome(outcome)
                done[outcome.name] = _kept(outcome, needed_roots)
                finished(outcome.name)
    return done


def _no_predecessors(name: str) -> tuple:
    return ()


def _kept(outcome: worker.Outcome, needed_roots: set) -> worker.Outcome:
    """What the parent keeps of a reported outcome: what dependents are given, if it has any.

    Input rows, output stamps and files were consumed by ``on_outcome``; keeping them for
    every object was most of the parent's memory on large sites (60 MB per 100
    template-library-core nodes).
    """
    if outcome.name in needed_roots:
        return dataclasses.replace(outcome, outputs={}, files={})
    return worker.Outcome(outcome.name, outcome.source, outcome.ok)
