"""One compiler run: options, template lookup, caches and object builds.

A ``Session`` owns what is shared by every object compiled in one run: the
include path, the cache of compiled templates (each file is parsed and
compiled once, however many objects include it), and the objects already
built, so that ``value('other:/path')`` builds the other object on demand and
reads its finished tree.  A reference cycle between objects is an evaluation
error naming every object in the cycle.  ``compile_object`` runs the three
phases (execute, defaults, validate) and returns an ``ObjectResult``.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field

from ..builtins.registry import all_registered
from ..errors import EvaluationError, PanError, PanSyntaxError, ValidationError
from ..runtime.context import ObjectContext
from ..runtime.template import CompiledTemplate, compile_template
from ..runtime.values import PanDict, PanList, protect
from ..syntax.parser import parse_file

SUFFIXES = (".pan", ".tpl")


@dataclass
class Options:
    include_path: list[str] = field(default_factory=lambda: [os.getcwd()])
    max_iteration: int = 10000
    max_recursion: int = 50
    initial_data: PanDict | None = None
    debug_include: list = field(default_factory=list)     # compiled regexes
    debug_exclude: list = field(default_factory=list)
    warnings: str = "on"


@dataclass
class ObjectResult:
    name: str
    source_path: str
    root: PanDict | None = None
    error: PanError | None = None
    context: ObjectContext | None = None
    dependencies: list = field(default_factory=list)       # [(name, kind, path)]
    object_dependencies: set = field(default_factory=set)
    built: bool = False       # phases 1-2 done
    validated: bool = False


class Session:
    """Compiles objects; caches compiled templates and built objects."""

    def __init__(self, options: Options):
        self.options = options
        self.builtins = all_registered()
        self._templates: dict[str, CompiledTemplate | PanError] = {}
        self._lookup_cache: dict[tuple, str | None] = {}
        self.objects: dict[str, ObjectResult] = {}
        self._building: list[str] = []
        self.messages: list[str] = []      # debug/deprecation output, in order

    def emit(self, message: str) -> None:
        """debug(), traceback() and deprecated() output goes to stderr."""
        print(message, file=sys.stderr, flush=True)

    # ------------------------------------------------------------- lookup
    def find_source(self, name: str, loadpath: tuple) -> str | None:
        key = (name, loadpath)
        if key in self._lookup_cache:
            return self._lookup_cache[key]
        found = None
        for base in self.options.include_path:
            for rel in loadpath:
                folder = os.path.join(base, rel) if rel else base
                for suffix in SUFFIXES:
                    candidate = os.path.join(folder, name + suffix)
                    if os.path.isfile(candidate):
                        found = os.path.abspath(candidate)
                        break
                if found:
                    break
            if found:
                break
        self._lookup_cache[key] = found
        return found

    def find_text(self, name: str, loadpath: tuple) -> str | None:
        for base in self.options.include_path:
            for rel in loadpath:
                folder = os.path.join(base, rel) if rel else base
                candidate = os.path.join(folder, name)
                if os.path.exists(candidate):
                    return os.path.abspath(candidate)
        return None

    def loadpath_of(self, ev) -> tuple:
        value = ev.globals.get("LOADPATH")
        if not isinstance(value, PanList):
            return ("",)
        return ("",) + tuple(v for v in value if type(v) is str)

    def check_loadpath(self, value) -> None:
        if not isinstance(value, PanList):
            raise EvaluationError("LOADPATH variable must be a list")
        for v in value:
            if type(v) is not str:
                raise EvaluationError("LOADPATH contains non-string value")
            if v.startswith("/"):
                raise EvaluationError("LOADPATH can only contain relative paths")

    def compiled(self, path: str) -> CompiledTemplate:
        """Parse and compile a file once; errors are cached too."""
        cached = self._templates.get(path)
        if cached is None:
            try:
                cached = compile_template(parse_file(path), self.builtins)
            except PanError as exc:
                cached = exc
            except RecursionError:
                cached = PanSyntaxError("expressions nested too deeply to compile "
                                        "(raise the stack size or simplify the template)")
                cached.file = path
            self._templates[path] = cached
        if isinstance(cached, PanError):
            raise cached
        return cached

    def load_template(self, name: str, ev, lookup_only: bool = False) -> CompiledTemplate | None:
        """Find, compile and record a template for an object being built."""
        loadpath = self.loadpath_of(ev)
        path = self.find_source(name, loadpath)
        if path is None:
            if lookup_only:
                ev.dependencies.setdefault(name, ("ABSENT_SOURCE", None))
            return None
        tpl = self.compiled(path)
        if tpl.name != name:
            exc = PanSyntaxError(
                f"misplaced or misnamed template; relative directory and name must match '{name}'")
            exc.file = path
            if lookup_only:
                return None
            raise exc
        if not lookup_only:
            kind = "TPL" if path.endswith(".tpl") else "PAN"
            ev.dependencies[name] = (kind, path)
        return tpl

    # ------------------------------------------------------------ objects
    def object_template(self, path: str) -> CompiledTemplate:
        """The compiled object template of a file given on the command line."""
        tpl = self.compiled(os.path.abspath(path))
        return tpl

    def object_root(self, name: str, requester: ObjectContext) -> PanDict:
        """Build another object (phases 1-2) and return its frozen tree."""
        requester.object_dependencies.add(name)
        result = self.objects.get(name)
        if result is None or not result.built:
            if name in self._building:
                chain = self._building[self._building.index(name):] + [name]
                raise EvaluationError("circular object dependency detected: " + " -> ".join(chain))
            path = self.find_source(name, ("",))
            if path is None:
                raise EvaluationError(f"object template {name} could not be found")
            tpl = self.compiled(path)
            if tpl.kind != "object":
                raise EvaluationError(f"{name} does not refer to an object template")
            requester.dependencies.setdefault(name, ("TPL" if path.endswith(".tpl") else "PAN", path))
            result = self.build(tpl, path)
        else:
            requester.dependencies.setdefault(name, ("PAN", result.source_path))
        # The templates the other object used are dependencies of this one too.
        if result.context is not None:
            for dep, entry in result.context.dependencies.items():
                requester.dependencies.setdefault(dep, entry)
        if result.error is not None and not result.built:
            raise EvaluationError(f"object dependency on {name} raised exception")
        return result.root

    def build(self, tpl: CompiledTemplate, path: str) -> ObjectResult:
        """Phases 1 and 2 (execute, defaults) of one object."""
        name = tpl.name
        result = self.objects.get(name)
        if result is not None and (result.built or result.error is not None):
            return result
        result = ObjectResult(name, path)
        self.objects[name] = result
        initial = self.options.initial_data
        root = _copy_initial(initial) if initial is not None else None
        ev = ObjectContext(name, tpl, self, root)
        result.context = ev
        self._building.append(name)
        try:
            ev.globals["OBJECT"] = name
            ev.final_globals.add("OBJECT")
            ev.globals["LOADPATH"] = PanList()
            ev.execute()
            ev.set_defaults()
            protect(ev.root)
            result.root = ev.root
            result.built = True
        except PanError as exc:
            exc.object = name
            result.error = exc
        except RecursionError:
            exc = EvaluationError("expression or call nesting too deep (Python recursion limit reached)")
            exc.file = path
            exc.object = name
            result.error = exc
        finally:
            self._building.pop()
            result.dependencies = _dependency_list(ev)
            result.object_dependencies = set(ev.object_dependencies)
        return result

    def validate(self, result: ObjectResult) -> None:
        """Phase 3, and the check that referenced objects validated too."""
        if result.error is not None or result.validated:
            return
        ev = result.context
        try:
            ev.validate()
            result.validated = True
            # Objects read by validation blocks are dependencies too.
            result.dependencies = _dependency_list(ev)
        except PanError as exc:
            exc.object = result.name
            if exc.file is None and exc.span is None:
                exc.file = result.source_path
            result.error = exc
        except RecursionError:
            exc = ValidationError("validation nesting too deep (Python recursion limit reached)")
            exc.file = result.source_path
            result.error = exc

    def compile_object(self, path: str) -> ObjectResult:
        try:
            tpl = self.object_template(path)
        except PanError as exc:
            name = os.path.splitext(os.path.basename(path))[0]
            result = ObjectResult(name, os.path.abspath(path), error=exc)
            return result
        if tpl.kind != "object":
            exc = PanSyntaxError(f"{tpl.name} is a {tpl.kind} template, not an object template")
            exc.file = os.path.abspath(path)
            return ObjectResult(tpl.name, os.path.abspath(path), error=exc)
        found = self.find_source(tpl.name, ("",))
        if found is None or os.path.abspath(found) != os.path.abspath(path):
            exc = PanSyntaxError(
                f"misplaced or misnamed template; relative directory and name must match '{tpl.name}'",
                tpl.span)
            return ObjectResult(tpl.name, os.path.abspath(path), error=exc)
        result = self.build(tpl, os.path.abspath(path))
        self.validate(result)
        return result

    def finish(self, result: ObjectResult) -> None:
        """Fail an object whose referenced objects failed validation."""
        if result.error is not None:
            return
        for dep in sorted(result.object_dependencies):
            other = self.objects.get(dep)
            if other is not None:
                self.validate(other)
                if other.error is not None:
                    exc = EvaluationError(f"object dependency on {dep} raised exception")
                    exc.file = result.source_path
                    exc.object = result.name
                    result.error = exc
                    return


def _copy_initial(initial: PanDict) -> PanDict:
    from ..runtime.values import deep_copy
    return deep_copy(initial)


def _dependency_list(ev: ObjectContext) -> list:
    return [(name, kind, path) for name, (kind, path) in ev.dependencies.items()]


__all__ = ["Session", "Options", "ObjectResult", "protect"]
