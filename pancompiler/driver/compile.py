"""A compile run, as ``panc`` performs it: objects in, files out, report back.

``CompileRequest`` gathers validated options: the objects (template files from
the command line, or every profile of an SCDB site), formats, limits, worker
count.  ``run_compile`` decides which objects are out of date (``state``),
compiles those over worker processes (``scheduler``), records what each read,
reports every failure once (a reference cycle once for all its members) and,
for site builds, removes the outputs of profiles that no longer exist and
writes the profile index.  Outputs of failed objects are left as they were.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import resource
import shutil
import tempfile
from dataclasses import dataclass, field

from ..errors import PanError, SystemError_
from ..output import Format, output_path, parse_formats
from ..runtime.values import PanDict
from . import site
from .index import write_index
from .progress import Progress
from .session import ObjectSpec, Options, Session, spec_from_file
from .state import STATE_DIR, BuildState
from .virtstep import run_virtualisation
from .writer import clean_temporaries
from .worker import WorkConfig, profile_of  # noqa: F401  (profile_of: for library users)

@dataclass
class CompileRequest:
    specs: list[ObjectSpec]
    catalog: dict
    output_dir: str
    formats: list[Format]
    options: Options
    nthread: int = 0
    force: bool = False
    index: bool = False
    site_root: str | None = None
    progress: bool = True
    virt_dir: str | None = None
    dask: object | None = None          # a distributed.DaskTarget: compile on a Dask cluster
    site_checks_fatal: bool = True                  # virtualisation checks fail the build
    info: list = field(default_factory=list)        # printed with -v
    warnings: list = field(default_factory=list)    # printed with -v
    notes: list = field(default_factory=list)

    @classmethod
    def from_args(cls, args) -> "CompileRequest":
        """The request of a plain panc call (template files on the command line)."""
        formats = _formats(args.formats or "pan,dep")
        options = _options_from_args(args)
        dask = _dask_target(args)
        outdir = os.path.abspath(args.output_dir or os.getcwd())
        if not os.path.isdir(outdir):
            raise SystemError_(f"output directory does not exist: {outdir}")
        specs = []
        for t in args.templates:
            if not os.path.isfile(t):
                raise SystemError_(f"template file does not exist: {t}")
            specs.append(spec_from_file(t, tuple(options.include_path)))
        return cls(specs, {}, outdir, formats, options, nthread=args.nthread, force=args.force,
                   index=args.profiles_index, progress=not args.no_progress, dask=dask)


def _dask_target(args):
    """Where to compile when a Dask cluster is asked for (--scheduler, --dask-local), else None."""
    address, local = getattr(args, "scheduler", None), getattr(args, "dask_local", 0)
    if not address and not local:
        return None
    if address and local:
        raise SystemError_("--scheduler and --dask-local exclude each other")
    from ..distributed import DaskTarget
    if address and "://" not in address:
        address = "tcp://" + address
    return DaskTarget(address=address, local_workers=local or 0, ship=getattr(args, "dask_ship", False),
                      timeout=float(getattr(args, "dask_timeout", 10)))


def requests_from_args(args) -> list[CompileRequest]:
    """One request for a plain call; for ``--site``, one per output folder."""
    if not getattr(args, "site", None):
        return [CompileRequest.from_args(args)]
    plan = site.plan_site(args.site, args.output_dir, args.cluster, getattr(args, "group", []))
    formats = _formats(args.formats or plan.default_formats(), plan, bool(args.formats))
    if args.max_iteration is None:
        args.max_iteration = plan.default_max_iteration()
    if args.warnings is None:
        args.warnings = plan.default_warnings()
    options = _options_from_args(args)
    dask = _dask_target(args)
    if not (args.debug or args.debug_ns_include or args.debug_ns_exclude):
        options.debug_include, options.debug_exclude = plan.debug_patterns()
    requests = []
    for n, build in enumerate(plan.builds):
        os.makedirs(build.output_dir, exist_ok=True)
        requests.append(CompileRequest(
            build.specs, build.catalog, build.output_dir, formats, options, nthread=args.nthread,
            force=args.force, index=True, site_root=plan.root, progress=not args.no_progress,
            virt_dir=build.virt_dir, site_checks_fatal=plan.site_checks_fatal(), dask=dask,
            info=plan.describe() if n == 0 else [],
            warnings=plan.warnings if n == 0 else [],
            notes=plan.notes if n == 0 else []))
    return requests


def _formats(spec: str, plan=None, given: bool = True) -> list[Format]:
    try:
        return parse_formats(spec)
    except ValueError as exc:
        if plan is not None and not given:
            raise plan.properties.error("pan.formats", str(exc)) from None
        raise SystemError_(str(exc)) from None


def _options_from_args(args) -> Options:
    include = args.include_path.split(os.pathsep) if args.include_path else [os.getcwd()]
    # Absolute but not normalised: panc prints include dirs as given (with ./) in .dep files.
    include = [p if os.path.isabs(p) else os.path.join(os.getcwd(), p) for p in include if p]
    for p in include:
        if not os.path.isdir(p):
            raise SystemError_(f"include directory does not exist: {p}")
    try:
        inc = [re.compile(r) for r in args.debug_ns_include]
        exc_ = [re.compile(r) for r in args.debug_ns_exclude]
    except re.error as err:
        raise SystemError_(f"invalid debug pattern: {err}") from None
    if args.debug:
        inc.append(re.compile(".*"))
    options = Options(include_path=include, max_iteration=args.max_iteration or 10000,
                      max_recursion=args.max_recursion, debug_include=inc, debug_exclude=exc_,
                      warnings=args.warnings or "on")
    if args.initial_data is not None:
        options.initial_data = evaluate_initial_data(args.initial_data)
    options.template_cache = _template_cache_arg(args)
    return options


def _template_cache_arg(args) -> str | None:
    """--template-cache DIR (or $PANC_TEMPLATE_CACHE); "off" disables it; None: the default
    (a folder in the output's state folder, set by ``CompileRequest``)."""
    value = getattr(args, "template_cache", None) or os.environ.get("PANC_TEMPLATE_CACHE")
    if value is None:
        return None
    if value == "off":
        return ""
    return os.path.abspath(value)


def evaluate_initial_data(text: str) -> PanDict:
    """Evaluate the --initial-data DML: it must give a dict."""
    from ..builtins.registry import all_registered
    from ..runtime.template import ConstantContext, TemplateCompiler
    from ..runtime.values import type_name
    from ..source import SourceFile
    from ..syntax.parser import parse_text
    source = SourceFile("<initial-data>", f"object template initial_data;\n'/x' = {text};\n")
    try:
        tpl = parse_text(source.text, source)
        stmt = tpl.statements[0]
        comp = TemplateCompiler(all_registered(), tpl)
        value = comp.compile(stmt.expr)(ConstantContext())
    except PanError as exc:
        raise SystemError_(f"syntax error when evaluating root element: {exc.message}") from None
    if not isinstance(value, PanDict):
        raise SystemError_(f"root element must be an nlist, not {type_name(value)}")
    return value


@dataclass
class Report:
    total: int = 0
    compiled: int = 0
    skipped: int = 0
    failed: int = 0
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    errors: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    soft_errors: list = field(default_factory=list)  # printed as warnings, exit status unchanged
    info: list = field(default_factory=list)         # shown with -v only
    warnings: list = field(default_factory=list)     # shown with -v only

    def merge(self, other: "Report") -> None:
        for name in ("total", "compiled", "skipped", "failed", "written", "unchanged", "removed"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors += other.errors
        self.soft_errors += other.soft_errors
        self.notes += other.notes
        self.info += other.info
        self.warnings += other.warnings

    def statistics(self, elapsed: float) -> str:
        peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                   resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
        return (f"{self.total} objects: {self.compiled} compiled, {self.skipped} up to date, "
                f"{self.failed} failed; {self.written} files written, {self.unchanged} unchanged, "
                f"{self.removed} removed; {elapsed:.2f} s, peak memory {peak:.0f} MB")


def options_key(request: CompileRequest) -> str:
    opts = request.options
    data = {
        "formats": [f.key for f in request.formats], "max_iteration": opts.max_iteration,
        "max_recursion": opts.max_recursion, "warnings": opts.warnings,
        "debug": [[r.pattern for r in opts.debug_include], [r.pattern for r in opts.debug_exclude]],
        "initial": repr(opts.initial_data), "version": _compiler_version(),
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def _compiler_version() -> str:
    from .. import __version__
    return __version__


OUTSIDE = "<outside the include path>"


class _Resolver:
    """Repeats a recorded lookup (template, text file or object) today."""

    def __init__(self, session: Session, catalog: dict):
        self.session = session
        self.catalog = catalog

    def __call__(self, name: str, kind: str, lookup) -> str | None:
        if lookup == ["object"]:
            spec = self.catalog.get(name)
            return spec.path if spec is not None else None
        loadpath, include_path = tuple(lookup[0]), tuple(lookup[1])
        if kind in ("TEXT", "ABSENT_TEXT"):
            found = self.session.find_text(name, loadpath, include_path)
        else:
            found = self.session.find_source(name, loadpath, include_path)
        if found is not None and not self.session.confinement.inside(found, include_path):
            return OUTSIDE        # never equal to a recorded path: rebuilt (and refused), never hashed
        return found


def _out_of_date(request: CompileRequest, state: BuildState, key: str) -> dict[str, str]:
    """The objects to compile, each with the reason."""
    resolver = _Resolver(Session(request.options, request.catalog), request.catalog)
    reasons: dict[str, str] = {}
    for spec in request.specs:
        if request.force:
            reasons[spec.name] = "forced"
            continue
        outputs = [os.path.relpath(output_path(request.output_dir, spec.name, f), request.output_dir)
                   for f in request.formats]
        reason = state.dirty_reason(spec.name, key, spec.path, outputs, resolver)
        if reason:
            reasons[spec.name] = reason
    # An object reading a rebuilt object is rebuilt too.
    wanted = {s.name for s in request.specs}
    readers: dict[str, list] = {}
    for name in wanted:
        for ref in state.referenced_objects(name):
            readers.setdefault(ref, []).append(name)
    stack = list(reasons)
    while stack:
        for reader in readers.get(stack.pop(), ()):
            if reader not in reasons:
                reasons[reader] = "reads a rebuilt object"
                stack.append(reader)
    return reasons


def run_compile(request: CompileRequest) -> Report:
    report = Report(total=len(request.specs), info=list(request.info), warnings=list(request.warnings),
                    notes=list(request.notes))
    if request.options.template_cache is None:
        request.options.template_cache = os.path.join(request.output_dir, STATE_DIR, "templates")
    seen: dict[str, str] = {}
    for spec in request.specs:
        if spec.name in seen:
            raise SystemError_(f"object {spec.name} given twice: {seen[spec.name]} and {spec.path}")
        seen[spec.name] = spec.path
    clean_temporaries(request.output_dir)
    state = BuildState(request.output_dir)
    state.load()
    key = options_key(request)
    reasons = _out_of_date(request, state, key)
    todo = [s for s in request.specs if s.name in reasons]
    report.skipped = len(request.specs) - len(todo)
    progress = Progress(len(todo), enabled=request.progress)
    reported_cycles: set = set()
    compiled_now: list[str] = []
    failed_reads: dict[str, list] = {}      # failed object -> the objects it read
    wanted = frozenset(s.name for s in todo)

    def on_outcome(outcome) -> None:
        # Objects read by the ones asked for are compiled and written too (as
        # panc does); they count as compiled.
        if outcome.name not in wanted:
            report.total += 1
        for message in outcome.messages:        # what a worker process kept of the object's output
            progress.message(message)
        progress.update(outcome.name, outcome.ok)
        if outcome.ok:
            compiled_now.append(outcome.name)
            report.compiled += 1
            report.written += outcome.written
            report.unchanged += outcome.unchanged
            state.record(outcome.name, options_key=key, source=outcome.source, inputs=outcome.inputs,
                         objects=outcome.objects, outputs=outcome.outputs)
            return
        report.failed += 1
        failed_reads[outcome.name] = outcome.objects
        state.record_failure(outcome.name)
        members = getattr(outcome.error, "members", None)
        if members:
            if members in reported_cycles:
                return                      # the cycle was reported once already
            reported_cycles.add(members)
        report.errors.append(outcome.error)

    if todo:
        exchange = tempfile.mkdtemp(prefix="exchange-", dir=_state_dir(request.output_dir))
        config = WorkConfig(request.options, request.catalog, [f.key for f in request.formats],
                            request.output_dir,
                            up_to_date=frozenset(s.name for s in request.specs if s.name not in wanted),
                            exchange=exchange)
        known_refs = {s.name: state.referenced_objects(s.name) for s in todo}
        try:
            if request.dask is not None:
                from ..distributed.build import run as run_on_dask
                run_on_dask(todo, config, request.dask, known_refs, on_outcome)
            else:
                from . import scheduler     # networkx: imported only when there is work
                scheduler.run(todo, config, request.nthread, known_refs, on_outcome)
        finally:
            progress.close()
            # Two workers may both have written an object another one read;
            # stamp outputs as they are now that every writer has finished.
            state.restamp_outputs(compiled_now)
            state.save()
            shutil.rmtree(exchange, ignore_errors=True)
    report.notes.extend(_cascade_notes(failed_reads))
    if request.site_root is not None:
        report.removed = _remove_stale(request, state)
        state.save()
    if request.index:
        write_index(request.output_dir)
    if request.virt_dir is not None:
        failed = {n for n, e in state.objects.items() if not e.get("ok")}
        changed = bool(report.written or report.removed or report.failed or request.force)
        errors, notes = run_virtualisation(request.catalog, request.output_dir, request.virt_dir,
                                           changed, failed)
        (report.errors if request.site_checks_fatal else report.soft_errors).extend(errors)
        report.notes.extend(notes)
    return report


def _cascade_notes(failed_reads: dict[str, list]) -> list[str]:
    """Name, for each failed object, the failed objects it read: fix those first.

    A template cannot tell an object that failed from one that does not
    exist (``exists('obj:/')`` is false for both, as in panc), so its own
    message may say "no profile"; this note says what really happened.
    """
    notes = []
    for name, read in sorted(failed_reads.items()):
        culprits = sorted(o for o in read if o in failed_reads and o != name)
        if culprits:
            notes.append(f"{name} read {', '.join(culprits)}, which failed to compile: "
                         f"its error may follow from that")
    return notes


def _state_dir(outdir: str) -> str:
    folder = os.path.join(outdir, STATE_DIR)
    os.makedirs(folder, exist_ok=True)
    # Exchange folders of a killed build are left behind: clear them.
    for entry in os.listdir(folder):
        if entry.startswith("exchange-"):
            shutil.rmtree(os.path.join(folder, entry), ignore_errors=True)
    return folder


def _remove_stale(request: CompileRequest, state: BuildState) -> int:
    """Delete outputs of objects that are no longer part of the site."""
    current = set(request.catalog)
    removed = 0
    for name in [n for n in state.objects if n not in current]:
        entry = state.forget(name)
        for rel in entry.get("outputs", {}):
            try:
                os.unlink(os.path.join(request.output_dir, rel))
                removed += 1
            except OSError:
                pass
    return removed


__all__ = ["CompileRequest", "requests_from_args", "run_compile", "Report", "spec_from_file"]
