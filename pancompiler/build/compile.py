"""A compile run as the ``panc`` command performs it: objects in, files out.

``CompileRequest`` gathers validated options (include path, formats, limits,
initial data); ``run_compile`` compiles every object template given, writes
each requested format atomically for the objects that succeeded, leaves the
previous outputs of failed objects untouched and returns a ``Report`` with
every error.
"""

from __future__ import annotations

import os
import re
import resource
import sys
from dataclasses import dataclass, field

from ..errors import EvaluationError, PanError, PanSyntaxError, SystemError_
from ..output import Format, OutputError, Profile, dependency, output_path, parse_formats
from ..runtime.values import PanDict
from .session import ObjectResult, Options, Session
from .writer import write_atomic


@dataclass
class CompileRequest:
    templates: list[str]
    output_dir: str
    formats: list[Format]
    options: Options

    @classmethod
    def from_args(cls, args) -> "CompileRequest":
        include = args.include_path.split(os.pathsep) if args.include_path else [os.getcwd()]
        include = [os.path.abspath(p) for p in include if p]
        for p in include:
            if not os.path.isdir(p):
                raise SystemError_(f"include directory does not exist: {p}")
        outdir = os.path.abspath(args.output_dir or os.getcwd())
        try:
            formats = parse_formats(args.formats)
        except ValueError as exc:
            raise SystemError_(str(exc)) from None
        try:
            inc = [re.compile(r) for r in args.debug_ns_include]
            exc_ = [re.compile(r) for r in args.debug_ns_exclude]
        except re.error as err:
            raise SystemError_(f"invalid debug pattern: {err}") from None
        if args.debug:
            inc.append(re.compile(".*"))
        options = Options(include_path=include, max_iteration=args.max_iteration,
                          max_recursion=args.max_recursion, debug_include=inc, debug_exclude=exc_,
                          warnings=args.warnings)
        if args.initial_data is not None:
            options.initial_data = evaluate_initial_data(args.initial_data, options)
        for t in args.templates:
            if not os.path.isfile(t):
                raise SystemError_(f"template file does not exist: {t}")
        return cls(list(args.templates), outdir, formats, options)


def evaluate_initial_data(text: str, options: Options) -> PanDict:
    """Evaluate the --initial-data DML: it must give a dict."""
    from ..builtins.registry import all_registered
    from ..runtime.template import ConstantContext, TemplateCompiler
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
        from ..runtime.values import type_name
        raise SystemError_(f"root element must be an nlist, not {type_name(value)}")
    return value


@dataclass
class Report:
    compiled: int = 0
    failed: int = 0
    written: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)

    def statistics(self, elapsed: float) -> str:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        return (f"{self.compiled + self.failed} objects: {self.compiled} compiled, {self.failed} failed; "
                f"{self.written} files written, {self.unchanged} unchanged; "
                f"{elapsed * 1000:.0f} ms, peak memory {peak:.0f} MB")


def profile_of(result: ObjectResult) -> Profile:
    deps = []
    for name, kind, path in result.dependency_list():
        if kind in ("PAN", "TPL", "ABSENT_SOURCE"):
            deps.append(dependency(name, path, is_source=True))
        else:
            deps.append(dependency(name, path, is_source=False))
    return Profile(result.name, result.root, deps)


def run_compile(request: CompileRequest) -> Report:
    session = Session(request.options)
    report = Report()
    results = [session.compile_object(path) for path in request.templates]
    for result in results:
        session.finish(result)
    for result in results:
        if result.error is not None:
            report.failed += 1
            report.errors.append(result.error)
            continue
        try:
            profile = profile_of(result)
            rendered = [(fmt, fmt.render(profile)) for fmt in request.formats]
        except OutputError as exc:
            exc.object = result.name
            if exc.file is None and exc.span is None:
                exc.file = result.source_path
            report.failed += 1
            report.errors.append(exc)
            continue
        for fmt, data in rendered:
            target = output_path(request.output_dir, result.name, fmt)
            try:
                changed = write_atomic(target, data)
            except OSError as exc:
                err = SystemError_(f"cannot write {target}: {exc.strerror or exc}")
                err.file = target
                report.errors.append(err)
                continue
            if changed:
                report.written += 1
            else:
                report.unchanged += 1
        report.compiled += 1
    return report


__all__ = ["CompileRequest", "run_compile", "Report", "EvaluationError", "PanSyntaxError", "sys"]
