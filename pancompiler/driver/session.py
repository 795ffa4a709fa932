"""One compiler run in one process: template lookup, caches and object builds.

A ``Session`` owns what objects compiled in the same process share: the cache
of compiled templates (each file is parsed and compiled once, however many
objects include it) and the objects already built, so ``value('other:/path')``
builds the other object on demand and reads its finished tree.  Every object
carries its own include path (an ``ObjectSpec``): in a site build each cluster
has its own, and the *catalog* of all the site's objects lets a profile read an
object of another cluster, compiled with that cluster's include path.  Trees
built by other worker processes can be handed in with ``provide``.  A reference
cycle between objects is an evaluation error naming every object in it.
"""

from __future__ import annotations

import gc
import os
import re
import sys
from dataclasses import dataclass, field

from ..builtins.registry import all_registered
from ..cache.templates import TemplateCache
from ..errors import EvaluationError, PanError, PanSyntaxError, ValidationError
from ..runtime.context import ObjectContext
from ..runtime.memo import UnitMemo
from ..runtime.phasememo import PhaseMemo
from ..runtime.template import CompiledTemplate, compile_template
from ..runtime.values import PanDict, PanList, deep_copy, protect
from ..syntax.parser import parse_file
from .confine import Confinement, check_file_name, check_loadpath_entry, check_template_name

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
    template_cache: str | None = None     # folder of the persistent parsed-template cache
    # Replay unique/declaration templates whose reads hold (runtime.memo); PANC_NO_MEMO=1 turns it off.
    memo: bool = field(default_factory=lambda: os.environ.get("PANC_NO_MEMO", "") in ("", "0"))


@dataclass(frozen=True)
class ObjectSpec:
    """An object template to compile: its file and the include path it uses."""

    name: str
    path: str
    include_path: tuple


class CircularDependency(EvaluationError):
    """An object reference cycle; ``members`` names every object in it."""

    def __init__(self, chain: list[str]):
        super().__init__("circular object dependency detected: " + " -> ".join(chain))
        self.members = frozenset(chain)


@dataclass
class ObjectResult:
    name: str
    source_path: str
    root: PanDict | None = None
    error: PanError | None = None
    context: ObjectContext | None = None
    dependencies: dict = field(default_factory=dict)        # name -> (kind, path)
    lookups: dict = field(default_factory=dict)             # name -> how it was looked up
    object_dependencies: set = field(default_factory=set)
    built: bool = False       # phases 1-2 done
    validated: bool = False
    provided: bool = False    # built by another process
    messages: list = field(default_factory=list)   # its output, when the session collects it

    def dependency_list(self) -> list:
        return [(name, kind, path) for name, (kind, path) in self.dependencies.items()]


class Session:
    """Compiles objects; caches compiled templates and built objects."""

    def __init__(self, options: Options, catalog: dict[str, ObjectSpec] | None = None):
        self.options = options
        self.catalog = catalog or {}
        self._builtins: dict | None = None
        self._templates: dict[str, CompiledTemplate | PanError] = {}
        self.template_cache = TemplateCache(options.template_cache) if options.template_cache else None
        self._lookup_cache: dict[tuple, str | None] = {}
        # (name, loadpath, include path) -> (template, its .dep entry, its lookup):
        # a template found, allowed and compiled once is found again with one
        # look-up (an include costs a few dict operations, not a name check, a
        # search, a confinement check and a compile-cache look-up).
        self._resolved: dict[tuple, tuple] = {}
        self.confinement = Confinement()
        # Set by a build process whose session lives for one build (not a long-lived Dask worker).
        self.freeze_templates = False
        self.memo = UnitMemo() if options.memo else None
        self.phase_memo = PhaseMemo() if options.memo else None
        self.objects: dict[str, ObjectResult] = {}
        self._building: list[str] = []
        # fetch(name) -> True when it provided an object another process finished
        self.fetch = None
        # Set in worker processes: messages go with each object's outcome (see emit).
        self.collect_messages = False

    def emit(self, message: str, object_name: str | None = None) -> None:
        """debug(), traceback() and deprecated() output of ``object_name``.  A session that
        ``collect_messages`` (a worker process) keeps it with the object's result, for the build
        to print once per object; otherwise it goes to stderr, one write per message (print()
        writes the text and the newline apart, and processes sharing stderr interleaved lines)."""
        if self.collect_messages:
            result = self.objects.get(object_name) if object_name is not None else None
            if result is not None:
                result.messages.append(message)
                return
        sys.stderr.write(message + "\n")
        sys.stderr.flush()

    # ------------------------------------------------------------- lookup
    @property
    def builtins(self) -> dict:
        """The builtin functions, loaded when the first template is compiled (a rebuild
        that compiles nothing never pays for them)."""
        if self._builtins is None:
            self._builtins = all_registered()
        return self._builtins

    def find_source(self, name: str, loadpath: tuple, include_path: tuple) -> str | None:
        key = (name, loadpath, include_path)
        cache = self._lookup_cache
        if key in cache:
            return cache[key]
        found = None
        for base in include_path:
            for rel in loadpath:
                folder = os.path.join(base, rel) if rel else base
                for suffix in SUFFIXES:
                    candidate = os.path.join(folder, name + suffix)
                    if os.path.isfile(candidate):
                        found = candidate
                        break
                if found:
                    break
            if found:
                break
        cache[key] = found
        return found

    def find_text(self, name: str, loadpath: tuple, include_path: tuple) -> str | None:
        for base in include_path:
            for rel in loadpath:
                folder = os.path.join(base, rel) if rel else base
                candidate = os.path.join(folder, name)
                if os.path.exists(candidate):
                    return candidate
        return None

    def loadpath_of(self, ev) -> tuple:
        value = ev.globals.get("LOADPATH")
        if not value or not isinstance(value, PanList):     # mostly the empty list
            return ("",)
        return ("",) + tuple(v for v in value if type(v) is str)

    def check_loadpath(self, value) -> None:
        if not isinstance(value, PanList):
            raise EvaluationError("LOADPATH variable must be a list")
        for v in value:
            if type(v) is not str:
                raise EvaluationError("LOADPATH contains non-string value")
            check_loadpath_entry(v)

    def compiled(self, path: str) -> CompiledTemplate:
        """Parse and compile a file once; errors are cached too."""
        cached = self._templates.get(path)
        if cached is None:
            try:
                tree = self.template_cache.parse(path) if self.template_cache else parse_file(path)
                cached = compile_template(tree, self.builtins)
            except PanError as exc:
                cached = exc
            except RecursionError:
                cached = PanSyntaxError("expressions nested too deeply to compile "
                                        "(raise the stack size or simplify the template)")
                cached.file = path
            except OSError as exc:
                cached = PanSyntaxError(f"cannot read template: {exc.strerror or exc}")
                cached.file = path
            self._templates[path] = cached
            if self.freeze_templates:
                # The tree and closures of a template live as long as the session: out of the
                # cycle collector's sight, they no longer cost every full collection a walk
                # (about 30% of compiling ten 20,000-statement templates).
                gc.freeze()
        if isinstance(cached, PanError):
            raise cached
        return cached

    def load_template(self, name: str, ev, lookup_only: bool = False) -> CompiledTemplate | None:
        """Find, compile and record a template for an object being built."""
        loadpath = self.loadpath_of(ev)
        key = (name, loadpath, ev.include_path)
        resolved = self._resolved.get(key)
        if resolved is not None:
            tpl, entry, lookup = resolved
            if not lookup_only:
                ev.dependencies[name] = entry
                ev.lookups[name] = lookup
            return tpl
        check_template_name(name)
        path = self.find_source(name, loadpath, ev.include_path)
        if path is None:
            if lookup_only and name not in ev.dependencies:
                ev.dependencies[name] = ("ABSENT_SOURCE", None)
                ev.lookups[name] = (loadpath, ev.include_path)
            return None
        self.confinement.check(name, path, ev.include_path)
        tpl = self.compiled(path)
        if tpl.kind == "object" and tpl.name == name and name not in self.objects \
                and name not in self._building:
            # Like panc, an object template compiled for any reason (if_exists,
            # include) is built and written as an object of the run too.
            ev.not_replayable()
            self.build(tpl, ObjectSpec(name, path, ev.include_path))
        if tpl.name != name:
            if lookup_only:
                return None
            exc = PanSyntaxError(
                f"misplaced or misnamed template; relative directory and name must match '{name}'")
            exc.file = path
            raise exc
        entry = ("TPL" if path.endswith(".tpl") else "PAN", path)
        lookup = (loadpath, ev.include_path)
        if tpl.kind != "object":        # an object template may have to be built: never cached
            self._resolved[key] = (tpl, entry, lookup)
        if not lookup_only:
            ev.dependencies[name] = entry
            ev.lookups[name] = lookup
        return tpl

    def lookup_text(self, ev, builtin: str, name) -> str | None:
        """The file ``file_contents()`` / ``file_exists()`` names, recorded as a dependency."""
        check_file_name(builtin, name)
        loadpath = self.loadpath_of(ev)
        found = self.find_text(name, loadpath, ev.include_path)
        if found is not None:
            self.confinement.check(name, found, ev.include_path)
        if name not in ev.dependencies:
            ev.dependencies[name] = ("TEXT", found) if found else ("ABSENT_TEXT", None)
            ev.lookups[name] = (loadpath, ev.include_path)
        return found

    # ------------------------------------------------------------ objects
    def spec_for(self, name: str, requester: ObjectContext) -> ObjectSpec | None:
        """Where another object lives: the catalog, else the requester's path."""
        spec = self.catalog.get(name)
        if spec is not None:
            return spec
        check_template_name(name)
        path = self.find_source(name, ("",), requester.include_path)
        if path is None:
            return None
        self.confinement.check(name, path, requester.include_path)
        return ObjectSpec(name, path, requester.include_path)

    def provide(self, name: str, source_path: str, root: PanDict | None, dependencies: dict,
                lookups: dict, error: PanError | None = None) -> None:
        """Install an object built elsewhere (another worker process)."""
        result = ObjectResult(name, source_path, root=protect(root) if root is not None else None,
                              error=error, dependencies=dict(dependencies), lookups=dict(lookups),
                              provided=True, built=root is not None, validated=error is None)
        self.objects[name] = result

    def object_root(self, name: str, requester: ObjectContext) -> PanDict:
        """Build another object (phases 1-2) and return its frozen tree."""
        requester.object_dependencies.add(name)
        result = self.objects.get(name)
        if result is None and self.fetch is not None and self.fetch(name):
            result = self.objects.get(name)
        if result is None or not (result.built or result.error is not None):
            if name in self._building:
                chain = self._building[self._building.index(name):] + [name]
                raise CircularDependency(chain)
            spec = self.spec_for(name, requester)
            if spec is None:
                if name not in requester.dependencies:
                    requester.dependencies[name] = ("ABSENT_SOURCE", None)
                    requester.lookups[name] = (("",), requester.include_path)
                raise EvaluationError(f"object template {name} could not be found")
            try:
                tpl = self.compiled(spec.path)
            except PanSyntaxError as exc:
                # panc reports the other object's syntax error as an evaluation
                # error of the statement that referenced it.
                raise EvaluationError(f"{exc.heading_line()}\n{exc.message}") from None
            if tpl.kind != "object":
                raise EvaluationError(f"{name} does not refer to an object template")
            result = self.build(tpl, spec)
        kind = "TPL" if result.source_path.endswith(".tpl") else "PAN"
        if name not in requester.dependencies:
            requester.dependencies[name] = (kind, result.source_path)
            requester.lookups[name] = ("object",) if name in self.catalog else \
                (("",), requester.include_path)
        if not result.built:
            if isinstance(result.error, CircularDependency):
                raise result.error
            raise EvaluationError(f"object dependency on {name} raised exception")
        # The templates the other object used are dependencies of this one too.
        for dep, entry in result.dependencies.items():
            if dep not in requester.dependencies:
                requester.dependencies[dep] = entry
                requester.lookups[dep] = result.lookups.get(dep, ("object",))
        return result.root

    def build(self, tpl: CompiledTemplate, spec: ObjectSpec) -> ObjectResult:
        """Phases 1 and 2 (execute, defaults) of one object."""
        name = tpl.name
        result = self.objects.get(name)
        if result is not None and (result.built or result.error is not None):
            return result
        result = ObjectResult(name, spec.path)
        self.objects[name] = result
        initial = self.options.initial_data
        root = deep_copy(initial) if initial is not None else None
        ev = ObjectContext(name, tpl, self, root)
        ev.include_path = spec.include_path
        result.context = ev
        result.dependencies = ev.dependencies
        result.lookups = ev.lookups
        result.object_dependencies = ev.object_dependencies
        self._building.append(name)
        try:
            ev.globals["OBJECT"] = name
            ev.final_globals.add("OBJECT")
            ev.globals["LOADPATH"] = PanList()
            # The object's own .dep line names the file as found on the include path.
            found = self.find_source(name, ("",), spec.include_path) if name not in self.catalog else None
            ev.execute(found or spec.path)
            ev.set_defaults()
            protect(ev.root)
            result.root = ev.root
            result.built = True
        except PanError as exc:
            exc.object = name
            result.error = exc
        except RecursionError:
            exc = EvaluationError("expression or call nesting too deep (Python recursion limit reached)")
            exc.file = spec.path
            exc.object = name
            result.error = exc
        finally:
            self._building.pop()
        return result

    def validate(self, result: ObjectResult) -> None:
        """Phase 3 of a built object."""
        if result.error is not None or result.validated:
            return
        ev = result.context
        try:
            ev.validate()
            result.validated = True
        except PanError as exc:
            exc.object = result.name
            if exc.file is None and exc.span is None:
                exc.file = result.source_path
            result.error = exc
        except RecursionError:
            exc = ValidationError("validation nesting too deep (Python recursion limit reached)")
            exc.file = result.source_path
            result.error = exc

    def compile_spec(self, spec: ObjectSpec) -> ObjectResult:
        """Build and validate one object."""
        existing = self.objects.get(spec.name)
        if existing is not None and existing.provided:
            del self.objects[spec.name]
        try:
            tpl = self.compiled(spec.path)
        except PanError as exc:
            exc.object = spec.name
            return ObjectResult(spec.name, spec.path, error=exc)
        if tpl.kind != "object":
            exc = PanSyntaxError(f"{tpl.name} is a {tpl.kind} template, not an object template", tpl.span)
            return ObjectResult(spec.name, spec.path, error=exc)
        found = self.find_source(tpl.name, ("",), spec.include_path)
        if found is None and os.path.splitext(spec.path)[0].replace(os.sep, "/").endswith("/" + tpl.name):
            # The file is named after its template but sits outside the include
            # path: panc looks the name up and cannot find it.
            exc = EvaluationError(f"cannot locate object template named '{tpl.name}'")
            exc.object = spec.name
            exc.file = spec.path
            return ObjectResult(spec.name, spec.path, error=exc)
        if tpl.name != spec.name or found is None or not _same_file(found, spec.path):
            exc = PanSyntaxError(
                f"misplaced or misnamed template; relative directory and name must match '{tpl.name}'",
                tpl.span)
            return ObjectResult(spec.name, spec.path, error=exc)
        result = self.build(tpl, spec)
        self.validate(result)
        return result

    def compile_object(self, path: str) -> ObjectResult:
        """Compile a file as panc does (its name must match the include path)."""
        return self.compile_spec(spec_from_file(path, tuple(self.options.include_path)))

    def finish(self, result: ObjectResult) -> None:
        """Fail an object whose referenced objects failed validation."""
        if result.error is not None:
            return
        for dep in sorted(result.object_dependencies):
            other = self.objects.get(dep)
            if other is None:
                continue
            if not other.provided:
                self.validate(other)
            if other.error is not None:
                exc = EvaluationError(f"object dependency on {dep} raised exception")
                exc.file = result.source_path
                exc.object = result.name
                result.error = exc
                return


_HEADER = re.compile(r"^\s*(?:(?:object|structure|unique|declaration)\s+)?template\s+([A-Za-z0-9_+./-]+)\s*;",
                     re.MULTILINE)


def spec_from_file(path: str, include_path: tuple) -> ObjectSpec:
    """An object spec from a file, its name read from the template header.

    Whether the name really finds this file on the include path is checked
    when the object is compiled (``compile_spec``); reading the header only
    keeps an up-to-date check from having to parse every profile.
    """
    path = os.path.abspath(path)
    name = None
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            text = fh.read(65536)
        m = _HEADER.search(re.sub(r"#[^\n]*", "", text))
        if m:
            name = m.group(1)
    except OSError:
        pass
    if name is None:
        name = os.path.splitext(os.path.basename(path))[0]
    return ObjectSpec(name, path, include_path)


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


__all__ = ["Session", "Options", "ObjectSpec", "ObjectResult", "CircularDependency", "spec_from_file"]
