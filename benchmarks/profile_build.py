#!/usr/bin/env python3
"""Where a worker's time goes: compile objects in this process and break the time down.

This runs what one worker process of a build runs (``driver.worker``: a
``Session``, then ``compile_task`` per object, outputs written) on the given
object templates, with timers around each phase.  Time is charged
*exclusively* to the innermost phase running (a stack of timers), so an
``include`` statement is not charged for the parse of the template it loads,
nor for the statements of that template.  Phases:

- ``parse``: reading and parsing template files (``syntax``), or loading them from the template cache;
- ``template compilation``: checks, types and closures (``runtime.template.compile_template``);
- ``exec <statement> in <template kind>``: running the statements of each kind (``assign``,
  ``variable``, ``include``, ``function``, ``type``, ``bind``, ``valid``), user functions included;
- ``defaults`` and ``validation``: phases 2 and 3 (type defaults and type checks along bound paths);
- ``output``: rendering and writing the formats;
- ``inter-process``: pickling what a worker sends back (object trees, dependency records),
  with the bytes per object.

Figures are CPU times of this process (so they include the timers' own small cost); ``--cprofile FILE``
also writes a cProfile dump of the same run for finer digging (``python -m pstats FILE``).

    python3 benchmarks/profile_build.py --include-path W:W/site:W/profiles W/profiles/node-00*.pan
"""

from __future__ import annotations

import argparse
import os
import pickle
import sys
import tempfile
import threading
import time
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from pancompiler.driver import session as session_mod  # noqa: E402
from pancompiler.driver import worker  # noqa: E402
from pancompiler.runtime import context as context_mod  # noqa: E402
from pancompiler.runtime import template as template_mod  # noqa: E402

STATEMENT_KINDS = {"assign": "assign", "variable": "variable", "include": "include",
                   "function": "function", "type_": "type", "bind": "bind", "valid": "valid"}


class PhaseClock:
    """Exclusive wall time per phase: entering a phase pauses the one running."""

    def __init__(self):
        self.totals: dict[str, float] = defaultdict(float)
        self.counts: dict[str, int] = defaultdict(int)
        self.stack: list[str] = ["other"]
        self.mark = time.process_time()

    def enter(self, phase: str) -> None:
        now = time.process_time()
        self.totals[self.stack[-1]] += now - self.mark
        self.mark = now
        self.stack.append(phase)
        self.counts[phase] += 1

    def leave(self) -> None:
        now = time.process_time()
        self.totals[self.stack.pop()] += now - self.mark
        self.mark = now

    def wrap(self, phase, fn):
        def timed(*args, **kwargs):
            self.enter(phase(*args) if callable(phase) else phase)
            try:
                return fn(*args, **kwargs)
            finally:
                self.leave()
        return timed


def instrument(clock: PhaseClock) -> dict:
    """Patch the compiler's phase entry points with timers; returns counters."""
    extra = {"ipc_bytes": 0, "objects": 0}
    session_mod.parse_file = clock.wrap("parse", session_mod.parse_file)
    compile_template = template_mod.compile_template

    def compiled(tpl, builtins, *rest):
        result = clock.wrap("template compilation", compile_template)(tpl, builtins, *rest)
        kind = "ordinary" if result.kind == "ordinary" else result.kind
        result.statements = [(static, _timed_statement(clock, run, kind)) for static, run in result.statements]
        return result

    session_mod.compile_template = compiled
    ctx = context_mod.ObjectContext
    ctx.set_defaults = clock.wrap("defaults", ctx.set_defaults)
    ctx.validate = clock.wrap("validation", ctx.validate)
    worker._write_outputs = clock.wrap("output", worker._write_outputs)

    class TimedPickle:
        HIGHEST_PROTOCOL = pickle.HIGHEST_PROTOCOL
        UnpicklingError = pickle.UnpicklingError

        @staticmethod
        def dumps(obj, *args, **kwargs):
            clock.enter("inter-process")
            try:
                data = pickle.dumps(obj, *args, **kwargs)
                extra["ipc_bytes"] += len(data)
                return data
            finally:
                clock.leave()

        loads = staticmethod(clock.wrap("inter-process", pickle.loads))
        load = staticmethod(clock.wrap("inter-process", pickle.load))

    worker.pickle = TimedPickle
    finish = worker._finish

    def timed_finish(result, want_root):
        outcome = finish(result, want_root)
        extra["objects"] += 1
        clock.enter("inter-process")
        try:
            extra["ipc_bytes"] += len(pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL))
        finally:
            clock.leave()
        return outcome

    worker._finish = timed_finish
    return extra


def _timed_statement(clock: PhaseClock, run, template_kind: str):
    kind = STATEMENT_KINDS.get(run.__name__, run.__name__)
    phase = f"exec {kind} in {template_kind}"

    def timed(ev):
        clock.enter(phase)
        try:
            return run(ev)
        finally:
            clock.leave()

    return timed


def run(args) -> None:
    include = tuple(os.path.abspath(p) for p in args.include_path.split(os.pathsep))
    out = args.output_dir or tempfile.mkdtemp(prefix="profile-build-")
    options = session_mod.Options(include_path=list(include))
    config = worker.WorkConfig(options, {}, args.formats.split(","), out)
    clock = PhaseClock()
    extra = instrument(clock)
    profiler = None
    if args.cprofile:
        import cProfile
        profiler = cProfile.Profile()
        profiler.enable()
    started = time.process_time()
    clock.mark = started
    worker.init_worker(config)
    failed = 0
    for path in args.templates:
        for outcome in worker.compile_task(session_mod.spec_from_file(path, include), [], False):
            if not outcome.ok:
                failed += 1
                print(outcome.error.render() if hasattr(outcome.error, "render") else outcome.error,
                      file=sys.stderr)
    clock.leave()
    elapsed = time.process_time() - started
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(args.cprofile)
    report(clock, extra, elapsed, len(args.templates), failed)


def report(clock: PhaseClock, extra: dict, elapsed: float, count: int, failed: int) -> None:
    print(f"{count} object templates ({extra['objects']} objects written, {failed} failed) in {elapsed:.2f} s")
    print(f"{'phase':<44} {'seconds':>8} {'share':>6} {'calls':>8}")
    for phase, seconds in sorted(clock.totals.items(), key=lambda kv: -kv[1]):
        if seconds < 0.0005:
            continue
        print(f"{phase:<44} {seconds:8.3f} {100 * seconds / elapsed:5.1f}% {clock.counts.get(phase, 0):8d}")
    objects = max(extra["objects"], 1)
    print(f"inter-process: {extra['ipc_bytes'] / objects / 1024:.0f} KiB pickled per object")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("templates", nargs="+", help="object template files, compiled in this order")
    ap.add_argument("--include-path", required=True, help="include path, as panc's (colon-separated)")
    ap.add_argument("--formats", default="json,dep", help="formats written (default json,dep)")
    ap.add_argument("--output-dir", help="where outputs go (default: a new temporary folder)")
    ap.add_argument("--cprofile", metavar="FILE", help="also write a cProfile dump here")
    args = ap.parse_args(argv)
    # Deep templates need a deep stack, as in panc's own main thread.
    sys.setrecursionlimit(200_000)
    threading.stack_size(512 * 1024 * 1024)
    thread = threading.Thread(target=run, args=(args,))
    thread.start()
    thread.join()
    return 0


if __name__ == "__main__":
    sys.exit(main())
