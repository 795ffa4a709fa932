"""Compiling objects in a worker (a process of the pool, or in-process).

A worker keeps one ``Session`` for its whole life, so each template is parsed
once per worker.  ``compile_task`` compiles one object (with the trees of
objects it references handed in when they were built elsewhere), writes its
outputs atomically, and returns small picklable ``Outcome`` records: one for
the object, plus one for every other wanted object it had to build along the
way, so the scheduler need not build those again.  Errors travel already
rendered (``RenderedError``) rather than as live objects holding source text.
"""

from __future__ import annotations

import os
import pickle
from dataclasses import dataclass, field
from urllib.parse import quote

from ..errors import PanError, RenderedError
from ..output import FORMATS, Profile, dependency, output_path
from ..output.fastjson import render_fast
from ..runtime.values import PanDict, PanList
from .session import CircularDependency, ObjectResult, ObjectSpec, Options, Session
from .state import output_stamp
from .writer import write_atomic


@dataclass
class WorkConfig:
    options: Options
    catalog: dict                  # object name -> ObjectSpec (whole site; may be empty)
    formats: list[str]             # format keys
    outdir: str
    wanted: frozenset | None = None    # None: every object built is written, as panc does
    up_to_date: frozenset = frozenset()  # built only to be read: neither written nor reported
    exchange: str | None = None          # folder where workers publish finished objects
    collect_outputs: bool = False        # return rendered bytes (Outcome.files) instead of writing


@dataclass
class Outcome:
    name: str
    source: str
    ok: bool
    error: RenderedError | None = None
    inputs: list = field(default_factory=list)      # (name, kind, path, lookup)
    objects: list = field(default_factory=list)     # objects referenced
    outputs: dict = field(default_factory=dict)     # relative path -> [size, mtime_ns]
    written: int = 0
    unchanged: int = 0
    root: bytes | None = None                        # pickled tree, for dependents
    dependencies: dict = field(default_factory=dict)
    lookups: dict = field(default_factory=dict)
    files: dict = field(default_factory=dict)       # relative path -> bytes, with collect_outputs
    messages: list = field(default_factory=list)    # debug()/deprecated() output, to print once


_session: Session | None = None
_config: WorkConfig | None = None
_reported: set = set()


#: Collect young objects every 50,000 allocations instead of 700: a compile
#: allocates millions of short-lived, acyclic objects (AST nodes, tree values),
#: and the default thresholds spent a quarter to a third of a worker's time in
#: the cycle collector (benchmarks/README.md).
GC_THRESHOLDS = (50_000, 20, 100)


def init_worker(config: WorkConfig, fetch=None, *, freeze_templates: bool = True,
                collect_messages: bool = False) -> None:
    """Start a worker's session; ``fetch(name) -> bool`` may provide objects finished elsewhere.

    ``freeze_templates``: hide compiled templates from the cycle collector (``gc.freeze``), right
    for processes that end with the build; a long-lived process (a Dask worker) passes False.
    ``collect_messages``: an object's debug()/deprecated() output goes back with its outcome, for
    the build to print once (an object two workers compiled printed it twice; a Dask worker's
    stderr is not the user's).
    """
    global _session, _config, _reported
    import gc
    import sys
    sys.setrecursionlimit(100_000)
    gc.set_threshold(*GC_THRESHOLDS)
    _config = config
    _session = Session(config.options, config.catalog)
    _session.freeze_templates = freeze_templates
    _session.collect_messages = collect_messages
    if config.exchange is not None:
        _session.fetch = _fetch
    if fetch is not None:
        _session.fetch = fetch
    _reported = set()


def init_forked_worker(config: WorkConfig) -> None:
    """Keep the session a forked worker inherited (templates already compiled); messages now go
    back with the outcomes."""
    if _session is None or _config is not config:
        init_worker(config)
    _session.collect_messages = True


def compile_task(spec: ObjectSpec, provided: list, want_root: bool,
                 in_flight: frozenset = frozenset()) -> list[Outcome]:
    """Compile ``spec``; ``provided`` are outcomes of objects it references.  Objects it reads
    that are not finished yet are built here too and reported with it, except those ``in_flight``
    (their own tasks were running in other workers when this one was handed out): of those, only
    the tree is needed here, and their own task checks, writes and reports them."""
    session = _session
    for out in provided:
        if out.name not in session.objects or session.objects[out.name].provided:
            root = pickle.loads(out.root) if out.root is not None else None
            dependencies, lookups = records_of(out)
            session.provide(out.name, out.source, root, dependencies, lookups,
                            None if out.ok else out.error)
    before = set(session.objects)
    result = session.compile_spec(spec)
    session.finish(result)
    outcomes = [_finish(result, want_root)]
    for name in sorted(set(session.objects) - before - {spec.name}):
        other = session.objects[name]
        wanted = _config.wanted
        if name in _config.up_to_date or name in in_flight:
            continue
        if (wanted is None or name in wanted) and name not in _reported and not other.provided:
            session.validate(other)
            session.finish(other)
            outcomes.append(_finish(other, True))
    return outcomes


def _finish(result: ObjectResult, want_root: bool) -> Outcome:
    """Write the outputs of a compiled object and describe it."""
    _reported.add(result.name)
    lookups = {name: _lookup(result, name) for name in result.dependencies}
    inputs = [(name, kind, path, lookups[name]) for name, (kind, path) in result.dependencies.items()]
    # ``dependencies`` and ``lookups`` stay empty: ``inputs`` holds the same (see records_of), and
    # the parent keeps what it receives, 600 rows per template-library-core node.
    outcome = Outcome(result.name, result.source_path, ok=False, inputs=inputs,
                      objects=sorted(result.object_dependencies), messages=result.messages)
    exact_json = json_file = None
    if result.error is None:
        try:
            exact_json, json_file = _write_outputs(result, outcome)
            outcome.ok = True
        except PanError as exc:
            exc.object = result.name
            if exc.file is None and exc.span is None:
                exc.file = result.source_path
            result.error = exc
        except OSError as exc:
            from ..errors import SystemError_
            result.error = SystemError_(f"cannot write outputs of {result.name}: {exc.strerror or exc}",
                                        file=result.source_path)
    if result.error is not None:
        err = result.error
        if err.object is None:
            err.object = result.name
        outcome.error = RenderedError(err)
        if isinstance(err, CircularDependency):
            outcome.error.members = err.members
    else:
        root = None
        if want_root or exact_json is None:
            root = pickle.dumps(result.root, protocol=pickle.HIGHEST_PROTOCOL)
        if want_root:
            outcome.root = root
        if json_file is not None:
            published = ("json-file", json_file)
        elif exact_json is not None:
            published = ("json", exact_json)
        else:
            published = ("pickle", root)
        if _publish(outcome, published, dict(result.dependencies), lookups):
            # Another object of this worker that reads this one fetches it from
            # the exchange folder: do not keep every finished tree in memory.
            _session.objects.pop(result.name, None)
    result.context = None           # keep the tree, drop the evaluation state
    return outcome


def _exchange_path(name: str) -> str:
    return os.path.join(_config.exchange, quote(name, safe="") + ".pickle")


def records_of(outcome: Outcome) -> tuple[dict, dict]:
    """The ``dependencies`` and ``lookups`` of an object, rebuilt from ``inputs`` when not sent."""
    if outcome.dependencies:
        return outcome.dependencies, outcome.lookups
    return ({name: (kind, path) for name, kind, path, _ in outcome.inputs},
            {name: lookup for name, _, _, lookup in outcome.inputs})


def _publish(outcome: Outcome, tree: tuple, dependencies: dict, lookups: dict) -> bool:
    """Let other workers read this finished object instead of building it again.

    ``tree`` is ``("json-file", path)`` when the exact JSON (orjson's path, which steps aside
    for anything JSON would not give back as it was) was written to the output file ``path`` in
    this build, ``("json", profile JSON)`` when it is exact but was not written there, else
    ``("pickle", pickled tree)``: the JSON is already made, and pickling the tree again cost
    1.6 ms per object (writing the JSON a second time, 0.4 ms).
    """
    if _config.exchange is None:
        return False
    data = pickle.dumps((outcome.source, tree, dependencies, lookups),
                        protocol=pickle.HIGHEST_PROTOCOL)
    try:
        write_atomic(_exchange_path(outcome.name), data, keep_unchanged=False)
    except OSError:
        return False
    return True


def _fetch(name: str) -> bool:
    """Provide an object another worker finished in this build, if there is one."""
    try:
        with open(_exchange_path(name), "rb") as fh:
            source, (kind, data), dependencies, lookups = pickle.load(fh)
        if kind == "json-file":
            with open(data, "rb") as fh:
                data, kind = fh.read(), "json"
        root = tree_from_json(data) if kind == "json" else pickle.loads(data)
    except (OSError, EOFError, ValueError, pickle.UnpicklingError):
        return False
    _session.provide(name, source, root, dependencies, lookups)
    _reported.add(name)
    return True


def tree_from_json(data: bytes) -> PanDict:
    """The tree of an exact profile JSON (see ``_publish``)."""
    import orjson

    def convert(value):
        cls = type(value)
        if cls is dict:
            return PanDict({key: convert(child) for key, child in value.items()})
        if cls is list:
            return PanList([convert(child) for child in value])
        return value

    return convert(orjson.loads(data))


def provide_finished(name: str, source: str, root: bytes, dependencies: dict, lookups: dict) -> None:
    """Install an object another worker finished in this build; it is not reported again."""
    _session.provide(name, source, pickle.loads(root), dependencies, lookups)
    _reported.add(name)


def finished_object(name: str) -> tuple | None:
    """(source, pickled tree, dependencies, lookups) of an object this worker finished, or None."""
    result = _session.objects.get(name) if _session is not None else None
    if result is None or result.provided or not result.validated or result.error is not None \
            or result.root is None or name not in _reported:
        return None
    lookups = {dep: _lookup(result, dep) for dep in result.dependencies}
    return (result.source_path, pickle.dumps(result.root, protocol=pickle.HIGHEST_PROTOCOL),
            dict(result.dependencies), lookups)


# Recorded lookup -> its list form.  Most templates of an object were looked up the same way; one
# shared list per distinct lookup lets pickle send it once per outcome instead of once per input.
_lookup_forms: dict = {}


def _lookup(result: ObjectResult, name: str):
    lookup = result.lookups.get(name)
    known = _lookup_of_object.get(id(lookup))
    if known is not None and known[0] is lookup:
        return known[1]             # the same record object as before (replayed templates share them)
    form = _lookup_form(lookup)
    if len(_lookup_of_object) >= 10_000:
        _lookup_of_object.clear()
    _lookup_of_object[id(lookup)] = (lookup, form)
    return form


_lookup_of_object: dict[int, tuple] = {}


def _lookup_form(lookup):
    if lookup is None or lookup == ("object",) or lookup == ["object"]:
        lookup = ("object",)
    else:
        loadpath, include_path = lookup
        lookup = (tuple(loadpath), tuple(include_path))
    form = _lookup_forms.get(lookup)
    if form is None:
        form = _lookup_forms[lookup] = ["object"] if lookup == ("object",) else \
            [list(lookup[0]), list(lookup[1])]
    return form


# (name, kind, path) -> Dependency: the objects of a worker share most of their templates, and
# building a Dependency (kind checks, the location's URI) for each of them was 1 to 2 ms per object.
_dependency_cache: dict[tuple, object] = {}


def profile_of(result: ObjectResult) -> Profile:
    """What the formatters need from a compiled object."""
    cache = _dependency_cache
    deps = []
    for name, (kind, path) in result.dependencies.items():
        key = (name, kind, path)
        dep = cache.get(key)
        if dep is None:
            dep = cache[key] = dependency(name, path, is_source=kind in ("PAN", "TPL", "ABSENT_SOURCE"))
        deps.append(dep)
    return Profile(result.name, result.root, deps)


def _write_outputs(result: ObjectResult, outcome: Outcome) -> tuple:
    """Write the formats; returns the JSON profile when it is exact (orjson's path), else None,
    and the file it was written to, if it was."""
    config = _config
    profile = profile_of(result)
    rendered = []
    exact_json = json_file = None
    for key in config.formats:
        fmt = FORMATS[key]
        if key == "json":
            exact_json = render_fast(profile.root)      # what render_json writes when not None
            rendered.append((fmt, exact_json if exact_json is not None else fmt.render(profile)))
            continue
        rendered.append((fmt, fmt.render(profile)))     # render all before writing any
    for fmt, data in rendered:
        target = output_path(config.outdir, result.name, fmt)
        if config.collect_outputs:          # the machine running the build writes them
            outcome.files[os.path.relpath(target, config.outdir)] = data
            continue
        if write_atomic(target, data):
            outcome.written += 1
        else:
            outcome.unchanged += 1
        if data is exact_json:
            json_file = target
        rel = os.path.relpath(target, config.outdir)
        outcome.outputs[rel] = output_stamp(config.outdir, rel)
    return exact_json, json_file


__all__ = ["WorkConfig", "Outcome", "init_worker", "init_forked_worker", "compile_task", "profile_of", "records_of",
           "provide_finished", "finished_object"]
