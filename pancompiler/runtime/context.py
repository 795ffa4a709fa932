"""The state of one object's build: tree, variables, functions, types, binds.

An ``ObjectContext`` runs an object template and everything it includes,
then fills defaults and validates, as panc's BuildContext does.  It is the
``ev`` passed to every compiled closure: statement helpers (``assign_path``,
``assign_global``, ``include``), DML frames (locals, SELF, function calls with
the recursion limit) and the validation phase live here.  Template loading and
other objects are reached through ``session`` (see ``driver.session``), so this
module never touches the file system itself.
"""

from __future__ import annotations

import operator
from functools import lru_cache

from ..errors import EvaluationError, PanError, ReturnSignal, ValidationError
from . import memo as memo_mod, replay, tree
from .dml import MISSING
from .paths import Path, is_valid_template_name
from .snapshot import fingerprint, frozen_identity
from .template import ALLOWED_INCLUDES, CompiledTemplate
from .values import (NULL, UNDEF, Null, PanDict, PanList, ProtectedDict, ProtectedList, Undef,
                     protect, to_string, type_name, writable)

AUTOMATIC_GLOBALS = ("SELF", "ARGV", "ARGC", "OBJECT", "TEMPLATE", "FUNCTION")


class ObjectContext:
    """Everything needed to build one object profile."""

    compile_time = False

    def __init__(self, name: str, template: CompiledTemplate, session, root: PanDict | None = None):
        self.object_name_unrecorded = name
        self.object_template = template
        self.session = session
        options = session.options
        self.max_iteration = options.max_iteration
        self.max_recursion = options.max_recursion
        self.root: PanDict = root if root is not None else PanDict()
        self.relative_root = None
        self.globals: dict = {}
        self.final_globals: set = set()
        self.functions: dict = {}
        self.types: dict = {}
        self.binds: list = []              # [(Path, FullType, span)]
        self.final = tree.FinalFlags()
        self.locals: dict = {}
        self.self_value = MISSING
        # Where a modified SELF is written back (the tree path or global being
        # assigned), so changes through SELF are visible at once, as in panc.
        self.self_sink = None
        self.template_name = template.name
        self.current_template = template
        self.function_name = None
        self.stack: list = []              # [(name, span)] includes and calls
        self.loaded: set = set()           # templates already run in this object
        self.including: list = []          # include chain, for cycle detection
        self.dependencies: dict = {}       # template name -> (kind, path)
        self.recorders: list = []
        self.lookups: dict = _Lookups(self.recorders, self.dependencies)  # name -> how it was looked up
        self.object_dependencies: set = set()
        self.iterators: dict = {}
        # Globals and absolute paths whose value panc keeps unprotected (a
        # computed value; panc stores a deep copy of it).  While such a value
        # is recomputed, SELF and the resources reached from it are its own, so
        # changes through locals that hold them show in SELF, as in panc.
        # ``owned_ids`` maps the ids of those resources to their path (None for
        # a global) during that statement, else is None.  A constant stored at
        # a path (``constant_paths``) stays shared, as panc's protected value.
        self.owned_globals: set = set()
        self.owned_paths: set = set()
        self.constant_paths: set = set()
        self.owned_ids = None
        self.include_path: tuple = tuple(session.options.include_path)
        # Replaying unique/declaration templates (runtime.memo): the session's recorded runs and
        # the recorders of the units running now, innermost last.
        self.memo = getattr(session, "memo", None)
        self.phase_memo = getattr(session, "phase_memo", None)
        self.phase_signature = None
        self.structure_depth = 0

    @property
    def object_name(self) -> str:
        for rec in self.recorders:
            rec.reads.append(("o", self.object_name_unrecorded))
        return self.object_name_unrecorded

    def emit(self, message: str) -> None:
        """debug() and deprecated() output (recorded when a unit runs)."""
        for rec in self.recorders:
            rec.messages.append(message)
        self.session.emit(message, self.object_name_unrecorded)

    def not_replayable(self) -> None:
        """Something the units running now did cannot be replayed (see runtime.memo)."""
        for rec in self.recorders:
            rec.ok = False

    # ------------------------------------------------------------ templates
    def execute(self, found_path: str | None = None) -> None:
        """Run the object template (phase 1)."""
        tpl = self.object_template
        self.loaded.add(tpl.name)
        self.including.append(tpl.name)
        path = found_path or tpl.source_path
        self.dependencies[tpl.name] = ("TPL" if path.endswith(".tpl") else "PAN", path)
        self.lookups[tpl.name] = (("object",) if tpl.name in self.session.catalog
                                  else (("",), self.include_path))
        self._run(tpl, True)
        self.including.pop()

    def _run(self, tpl: CompiledTemplate, first_time: bool) -> None:
        saved = self.current_template, self.template_name
        self.current_template = tpl
        if tpl.kind != "structure":     # TEMPLATE stays the caller's inside create()
            self.template_name = tpl.name
        try:
            if first_time:
                for _static, run in tpl.statements:
                    run(self)
            else:
                for static, run in tpl.statements:
                    if not static:
                        run(self)
        finally:
            self.current_template, self.template_name = saved

    def include(self, name: str, span) -> None:
        if not is_valid_template_name(name):      # e.g. 'a/../b': never looked up
            raise EvaluationError(f"invalid template name ({name})", span)
        try:
            tpl = self.session.load_template(name, self)
        except EvaluationError as exc:
            raise exc if exc.file is not None else exc.at(span)
        if tpl is None:
            raise EvaluationError(f"cannot locate template named '{name}'", span)
        including = self.current_template.kind
        if tpl.kind == "object" or tpl.kind not in ALLOWED_INCLUDES[including]:
            raise EvaluationError(f"{including.upper()} template cannot include {tpl.kind.upper()} template",
                                  span)
        if name in self.including:
            chain = " -> ".join(self.including + [name])
            raise EvaluationError(f"cyclic include of template {name}: {chain}", span)
        first_time = name not in self.loaded
        for rec in self.recorders:
            if name not in rec.loaded_set:
                rec.note(("l", name, not first_time))
        if not first_time and tpl.kind in ("unique", "declaration"):
            return
        memo = self.memo
        if memo is not None and first_time and tpl.kind in ("unique", "declaration") \
                and self.relative_root is None and self.structure_depth == 0 and memo.worth_recording(name):
            self._include_unit(tpl, name, span, memo)
            return
        self._mark_loaded(name)
        self._push(tpl.name, span)
        self.including.append(name)
        try:
            self._run(tpl, first_time)
        except PanError as exc:
            self._record_stack(exc)
            raise
        finally:
            self.including.pop()
            self.stack.pop()

    def _mark_loaded(self, name: str) -> None:
        self.loaded.add(name)
        for rec in self.recorders:
            rec.loaded.append(name)
            rec.loaded_set.add(name)

    def _include_unit(self, tpl: CompiledTemplate, name: str, span, memo) -> None:
        """Run a unique/declaration template for the first time in this object, a segment of
        statements at a time: each segment is replayed when a recorded run of it agrees with the
        object's state, else run and recorded (runtime.memo)."""
        self._mark_loaded(name)
        self._push(tpl.name, span)
        self.including.append(name)
        saved = self.current_template, self.template_name
        self.current_template = tpl
        self.template_name = tpl.name
        statements = tpl.statements
        try:
            for start in range(0, len(statements), memo_mod.SEGMENT):
                segment = statements[start:start + memo_mod.SEGMENT]
                key = (name, start)
                if not memo.worth_recording(key):
                    for _static, run in segment:
                        run(self)
                    continue
                found = memo.find(key, self)
                if found is not None:
                    reads, effect, prepared = found
                    for rec in self.recorders:
                        memo_mod.absorb(rec, reads, effect)
                    replay.apply_effect(prepared, self)
                    continue
                recorder = memo_mod.Recorder(key, self)
                self.recorders.append(recorder)
                try:
                    for _static, run in segment:
                        run(self)
                finally:
                    self.recorders.pop()
                effect = memo_mod.effect_of(recorder, self)
                if effect is not None:
                    memo.store(key, recorder.reads, effect)
                else:
                    memo.unrecorded(key)
        except PanError as exc:
            self._record_stack(exc)
            raise
        finally:
            self.current_template, self.template_name = saved
            self.including.pop()
            self.stack.pop()

    def _push(self, name: str, span) -> None:
        self.stack.append((name, span))
        if len(self.stack) > self.max_recursion:
            self.stack.pop()
            raise EvaluationError(f"call depth limit ({self.max_recursion}) exceeded", span)

    def _record_stack(self, exc: PanError) -> None:
        if not exc.stack and self.stack:
            exc.stack = [(name, span) for name, span in reversed(self.stack)]

    def run_structure(self, tpl: CompiledTemplate, span) -> PanDict:
        """Run a structure template into a fresh dict (for create())."""
        saved = self.relative_root, self.loaded, self.including
        saved_name = self.template_name
        self.structure_depth += 1
        self.relative_root = PanDict()
        self.loaded = set(self.loaded)
        self._push(tpl.name, span)
        self.including = self.including + [tpl.name]
        try:
            self._run(tpl, True)
            self.template_name = saved_name
            return self.relative_root
        except PanError as exc:
            self._record_stack(exc)
            raise
        finally:
            self.stack.pop()
            self.structure_depth -= 1
            self.relative_root, self.loaded, self.including = saved

    # ----------------------------------------------------------------- DML
    def run_dml(self, fn, self_value, sink=None):
        """Evaluate a statement's DML in a fresh local frame."""
        saved = self.locals, self.self_value, self.iterators, self.self_sink
        self.locals = {}
        self.self_value = self_value
        self.self_sink = sink
        self.iterators = {}
        try:
            return fn(self)
        except ReturnSignal as ret:
            return ret.value
        finally:
            self.locals, self.self_value, self.iterators, self.self_sink = saved

    def set_self(self, value) -> None:
        sink = self.self_sink
        if sink is False:
            raise EvaluationError("cannot modify SELF from validation function")
        self.self_value = value
        if sink is not None:
            sink(value)

    def read_global(self, name: str, default):
        value = self.globals.get(name, MISSING)
        for rec in self.recorders:
            rec.read_global(name, value)
        if value is MISSING:
            return default
        cls = type(value)
        if cls is PanDict or cls is PanList:
            protect(value)
        return value

    def is_global(self, name: str) -> bool:
        found = name in self.globals
        for rec in self.recorders:
            rec.global_exists(name, found)
        return found

    def call_function(self, name: str, args: list, span):
        fn = self.functions.get(name)
        for rec in self.recorders:
            if name not in rec.defined_names:
                rec.note(("f", name, fn[0] if fn is not None else None))
        if fn is None:
            raise EvaluationError(f"undefined function: {name}", span)
        body, _def_span = fn
        argv = PanList()
        for a in args:
            if a is NULL:
                continue
            cls = type(a)
            if cls is PanDict or cls is PanList:
                protect(a)
            argv.append(a)
        saved = self.locals, self.function_name, self.iterators
        self._push(name, span)
        self.locals = {"ARGV": argv, "ARGC": len(argv)}
        self.function_name = name
        self.iterators = {}
        try:
            return body(self)
        except ReturnSignal as ret:
            return ret.value
        except PanError as exc:
            exc.at(span)
            self._record_stack(exc)
            raise
        finally:
            self.stack.pop()
            self.locals, self.function_name, self.iterators = saved

    def run_validation_block(self, fn, value) -> bool:
        saved = self.locals, self.self_value, self.iterators, self.self_sink
        self.locals = {}
        self.self_value = protect(value)
        self.self_sink = False          # SELF is read-only while validating
        self.iterators = {}
        try:
            result = fn(self)
        except ReturnSignal as ret:
            result = ret.value
        except ValidationError:
            raise
        except EvaluationError as exc:
            err = ValidationError(f"validation failed because exception was thrown: {exc.message}", exc.span)
            err.cause = exc
            raise err from None
        finally:
            self.locals, self.self_value, self.iterators, self.self_sink = saved
        if type(result) is not bool:
            raise ValidationError(
                f"user-defined validation function returned an element of type {type_name(result)}; "
                "boolean value required")
        return result

    # ------------------------------------------------------ configuration
    def _root_for(self, relative: bool):
        if relative:
            if self.relative_root is None:
                raise EvaluationError("relative path cannot be used outside a structure template")
            root = self.relative_root
            if type(root) is ProtectedDict:
                root = self.relative_root = writable(root)
            return root
        root = self.root
        if type(root) is ProtectedDict:
            root = self.root = writable(root)
        return root

    def assign_path(self, terms: tuple, relative: bool, fn, conditional: bool, final: bool) -> None:
        root = self.relative_root if relative else self.root
        if root is None:
            raise EvaluationError("relative path cannot be used outside a structure template")
        current = tree.get_path(root, terms, MISSING) if terms else root
        exists = current is not MISSING
        if self.recorders and not relative:
            self._note_assignment(terms, current, "a")
        if not relative and self.final._paths and not (
                conditional and exists and current is not UNDEF and getattr(fn, "is_constant", False)):
            # panc checks a constant conditional assignment only when it assigns.
            self._check_final(terms)
        if conditional and exists and current is not UNDEF:
            if final and not relative:
                self.final.add(terms)
            return
        owned = None
        if exists:
            if not relative and terms in self.owned_paths and isinstance(current, (PanDict, PanList)):
                self_value = writable(current)
                if self_value is not current:
                    self.put(terms, relative, self_value)
                owned = {id(self_value): terms}
            else:
                self_value = protect(current)
        else:
            # panc hooks the path into the tree (as undef) before running the
            # DML, so the block can already see that its own path exists.
            self_value = UNDEF
            if terms:
                self.put(terms, relative, UNDEF)

        def sink(value):
            self.put(terms, relative, value)

        saved_owned = self.owned_ids
        self.owned_ids = owned
        try:
            result = self.run_dml(fn, self_value, sink)
        finally:
            self.owned_ids = saved_owned
        self.put(terms, relative, result)
        if not relative:
            if getattr(fn, "is_constant", False):
                self.owned_paths.discard(terms)
                self.constant_paths.add(terms)
            else:
                self.owned_paths.add(terms)
                self.constant_paths.discard(terms)
        if final and not relative:
            self.final.add(terms)

    def assign_constant(self, terms: tuple, relative: bool, value, conditional: bool, final: bool) -> None:
        """``assign_path`` for a constant value other than null at a non-empty path:
        the same checks, result and bookkeeping, without running DML."""
        root = self.relative_root if relative else self.root
        if root is None:
            raise EvaluationError("relative path cannot be used outside a structure template")
        if self.recorders:
            self._assign_constant_noted(terms, relative, value, conditional, final, root)
            return
        if conditional:
            current = tree.get_path(root, terms, MISSING)
            if current is not MISSING and current is not UNDEF:
                # Kept: panc checks a constant conditional assignment only when it assigns.
                if final and not relative:
                    self.final.add(terms)
                return
        if relative:
            self.put(terms, True, value)
            return
        if self.final._paths:
            self._check_final(terms)
        if type(root) is ProtectedDict:
            root = self.root = writable(root)
        tree.put_path(root, terms, value)
        self.owned_paths.discard(terms)
        self.constant_paths.add(terms)
        if final:
            self.final.add(terms)

    def _assign_constant_noted(self, terms: tuple, relative: bool, value, conditional: bool, final: bool,
                               root) -> None:
        """``assign_constant`` while units are recorded (runtime.memo): the same, with the notes."""
        current = tree.get_path(root, terms, MISSING)
        if not relative:
            self._note_assignment(terms, current, None)
        kept = conditional and current is not MISSING and current is not UNDEF
        if not relative and self.final and not kept:
            # panc checks a constant conditional assignment only when it assigns.
            self._check_final(terms)
        if not kept:
            self.put(terms, relative, value)
            if not relative:
                self.owned_paths.discard(terms)
                self.constant_paths.add(terms)
        if final and not relative:
            self.final.add(terms)

    def _note_assignment(self, terms: tuple, current, kind) -> None:
        """Units running now depend on the path's shape (and, with DML, on SELF)."""
        if not terms:
            self.not_replayable()
            return
        extra = None
        for rec in self.recorders:
            if kind == "a" and current is not MISSING and extra is None:
                extra = (fingerprint(current), terms in self.owned_paths, frozen_identity(current))
            rec.write_target(terms, self.root, "a" if kind == "a" else "c", extra)

    def note_constant_path_read(self, terms: tuple, found: bool) -> None:
        for rec in self.recorders:
            if not rec.internal(terms):
                rec.note(("k", terms, found))

    def _check_final(self, terms: tuple) -> None:
        target = "/" + "/".join(map(str, terms))
        hit = self.final.final_prefix(terms)
        if hit is None:
            hit = self.final.final_below(terms)
        if hit is not None:
            raise EvaluationError(f"{target} cannot be modified; /{'/'.join(map(str, hit))} is marked as final")

    def put(self, terms: tuple, relative: bool, value) -> None:
        if not terms:
            if not relative:
                self.not_replayable()
            if relative:
                raise EvaluationError("found relative path with no terms")
            if value is NULL:
                raise EvaluationError("cannot set root element to null")
            if not isinstance(value, PanDict):
                raise EvaluationError(f"root element cannot be replaced by element of type {type_name(value)}")
            self.root = value
            return
        root = self._root_for(relative)
        if self.recorders and not relative:
            for term in terms:
                if type(term) is int and term < 0:
                    self.not_replayable()
            for rec in self.recorders:
                rec.wrote(terms)
        tree.put_path(root, terms, value)

    def read_path(self, path: Path):
        """The value at an absolute, relative or external path, or None."""
        if path.kind == "external":
            if path.authority == self.object_name:
                root = self.root
            else:
                self.not_replayable()
                root = self.session.object_root(path.authority, self)
        elif path.kind == "relative":
            root = self.relative_root
            if root is None:
                raise EvaluationError(f"relative path ('{path}') cannot be used to retrieve element in configuration")
        else:
            root = self.root
        value = tree.read_path(root, path.terms, None) if path.terms else root
        if self.recorders and root is self.root:
            terms = tuple(path.terms)
            for rec in self.recorders:
                rec.read_path(terms, MISSING if value is None else value)
        if value is not None:
            protect(value)
        return value

    # -------------------------------------------------------- definitions
    def assign_global(self, name: str, fn, conditional: bool, final: bool) -> None:
        current = self.globals.get(name, MISSING)
        for rec in self.recorders:
            rec.read_global(name, current)
        if name in self.final_globals:
            if conditional and current is not MISSING and current is not UNDEF:
                return
            raise EvaluationError("cannot modify final global variable")
        if conditional and current is not MISSING and current is not UNDEF:
            if final:
                self.final_globals.add(name)
            return
        owned = None
        if current is MISSING:
            # The variable exists (as undef) while its own value is computed.
            self.globals[name] = UNDEF
            self_value = UNDEF
        elif name in self.owned_globals and isinstance(current, (PanDict, PanList)):
            self_value = self.globals[name] = writable(current)
            owned = {id(self_value): None}
        else:
            self_value = protect(current)

        def sink(value):
            self.globals[name] = value

        saved_owned = self.owned_ids
        self.owned_ids = owned
        try:
            value = self.run_dml(fn, self_value, sink)
        except PanError:
            if current is MISSING:
                self.globals.pop(name, None)
            else:
                self.globals[name] = current
            raise
        finally:
            self.owned_ids = saved_owned
        if name == "LOADPATH" and value is not NULL and value is not UNDEF:
            self.session.check_loadpath(value)
        self.globals[name] = value
        if type(value) is PanDict or type(value) is PanList:
            self.owned_globals.add(name)
        else:
            self.owned_globals.discard(name)
        if final:
            self.final_globals.add(name)
        for rec in self.recorders:
            rec.globals_written[name] = None

    def define_function(self, name: str, body, span) -> None:
        old = self.functions.get(name)
        for rec in self.recorders:
            if name not in rec.defined_names:
                rec.note(("f", name, old[0] if old is not None else None))
        if old is not None:
            raise EvaluationError(
                f"duplicate function definition: {name}\nprevious definition [{old[1].location()}]", span)
        self.functions[name] = (body, span)
        for rec in self.recorders:
            rec.defined_functions.append((name, (body, span)))
            rec.defined_names.add(name)

    def define_type(self, name: str, full, span) -> None:
        old = self.types.get(name)
        for rec in self.recorders:
            if name not in rec.defined_type_names:
                rec.note(("t", name, old))
        if old is not None:
            raise EvaluationError(
                f"duplicate type definition: {name}\nprevious definition [{old.span.location()}]", span)
        if name in ("boolean", "long", "double", "string", "number", "property", "resource", "list",
                    "nlist", "dict", "element"):
            raise EvaluationError(f"duplicate type definition: {name}", span)
        self._check_type_refs(full, span)
        self.types[name] = full
        for rec in self.recorders:
            rec.defined_types.append((name, full))
            rec.defined_type_names.add(name)

    def _check_type_refs(self, full, span) -> None:
        types = self.types
        if self.recorders:
            memo_mod.note_type_reads(self, full)
        for ref in full.refs:
            if ref not in types:
                raise EvaluationError(f"referenced type '{ref}' is not defined", span)
        for inc in full.record_includes:
            if not types[inc].is_record(self):
                raise EvaluationError(f"record definition includes non-record type: '{inc}'", span)

    def add_bind(self, path: Path, full, span) -> None:
        self._check_type_refs(full, span)
        self.binds.append((path, full, span))

    # ------------------------------------------------- defaults, validation
    def set_defaults(self) -> None:
        """Phase 2: fill in type defaults along bound paths."""
        by_path: dict = {}
        for path, full, span in _sorted_binds(self.binds):
            by_path.setdefault(path.terms, []).append((full, span))
        phases = self.phase_memo
        if phases is not None:
            self.phase_signature = phases.signature(self)
            phases.share_bound_values(self, 0)
        for terms, types in by_path.items():
            for full, span in types:
                try:
                    if phases is None:
                        self._default_one(terms, full)
                    else:
                        phases.default_one(self, terms, full, lambda: self._default_one(terms, full))
                except PanError as exc:
                    raise exc.at(span)

    def _default_one(self, terms: tuple, full) -> None:
        current = tree.get_path(self.root, terms, None) if terms else self.root
        if current is None or current is UNDEF:
            default = full.find_default(self)
            if default is None:
                return
            self.put(terms, False, default)
            current = default
        new = full.set_defaults(self, current)
        if new is not None:
            self.put(terms, False, new)

    def validate(self) -> None:
        """Phase 3: no undef may remain, then every bind must hold."""
        undef = _find_undef(self.root, ()) if _has_undef(self.root) else None
        if undef is not None:
            raise ValidationError(f"element at /{'/'.join(map(str, undef))} is undefined",
                                  file=self.object_template.source_path,
                                  path="/" + "/".join(map(str, undef)))
        phases = self.phase_memo
        if phases is not None:
            if self.phase_signature is None:
                self.phase_signature = phases.signature(self)
            phases.share_bound_values(self, 1)    # values filled anew in phase 2 may equal earlier ones
        for path, full, span in _sorted_binds(self.binds):
            value = tree.get_path(self.root, path.terms, None) if path.terms else self.root
            try:
                if phases is None:
                    full.check(self, value)
                else:
                    phases.check(self, full, value, full.check)
            except ValidationError as exc:
                rel = getattr(exc, "rel_terms", [])
                element = "/" + "/".join(str(t) for t in path.terms + tuple(rel))
                extra = f"\nelement path: '{element}'"
                if value is not None and not isinstance(value, (PanDict, PanList)) and not rel:
                    extra += f"\nelement value: {to_string(value)}"
                extra += f"\npath '{path}' bound to type {full}"
                exc.message += extra
                exc.path = element
                if exc.span is None:
                    exc.file = self.object_template.source_path
                    exc.bind_span = span
                raise


@lru_cache(maxsize=8192)
def _terms_order(terms: tuple) -> bytes:
    """panc's Path.compareTo as a byte string to compare: longer paths first, then term by term
    (indexes before keys, indexes by value, keys in Java string order, that of their UTF-16 code
    units).  Bytes compare in C, without the nested tuples a key would otherwise be; each part
    has a fixed width or an end no content can be mistaken for.  Cached: most bind paths are
    static and come back in every object."""
    parts = [(0xFFFFFFFF - len(terms)).to_bytes(4, "big")]
    for term in terms:
        if type(term) is int:
            parts.append(b"\x00" + (term + (1 << 63)).to_bytes(8, "big"))
        else:
            units = term.encode("utf-16-be")
            # Each code unit u as u + 1 in three bytes, then three zero bytes: a shorter key that
            # is the start of a longer one comes first, as in Java.
            parts.append(b"\x01" + b"".join((int.from_bytes(units[i:i + 2], "big") + 1).to_bytes(3, "big")
                                             for i in range(0, len(units), 2)) + b"\x00\x00\x00")
    return b"".join(parts)


_UNDEFINED_CLASSES = frozenset((Undef, Null))
_path_of, _terms_of = operator.itemgetter(0), operator.attrgetter("terms")


def _sorted_binds(binds: list) -> list:
    """Bind entries (path, type, span) in the order of phases 2 and 3 (``_terms_order``),
    the keys taken with C-level getters only (446 binds a tlc node, twice)."""
    keys = list(map(_terms_order, map(_terms_of, map(_path_of, binds))))
    return [binds[i] for i in sorted(range(len(binds)), key=keys.__getitem__)]


def _has_undef(value) -> bool:
    """Whether undef (or null) is anywhere in a dict or list: the quick test
    that spares ``_find_undef`` (ordered, with paths) when the tree is clean."""
    return _scan_undef(value) == _HAS_UNDEF


_CLEAN_FROZEN, _CLEAN, _HAS_UNDEF = 0, 1, 2
#: Containers protected all the way down (never changed again) known to hold no undef, by id:
#: the values replayed templates share come back in every object, and are walked once.
_clean_frozen: dict[int, object] = {}


def _scan_undef(value) -> int:
    """_HAS_UNDEF, else _CLEAN_FROZEN when everything below is protected too, else _CLEAN."""
    frozen = True
    for child in (value.values() if isinstance(value, PanDict) else value):
        cls = type(child)
        if cls is ProtectedDict or cls is ProtectedList:
            if _clean_frozen.get(id(child)) is child:
                continue
            found = _scan_undef(child)
            if found == _HAS_UNDEF:
                return found
            if found == _CLEAN_FROZEN:
                if len(_clean_frozen) >= 50_000:
                    _clean_frozen.clear()
                _clean_frozen[id(child)] = child
            else:
                frozen = False
        elif cls is PanDict or cls is PanList:
            frozen = False
            if _scan_undef(child) == _HAS_UNDEF:
                return _HAS_UNDEF
        elif cls in _UNDEFINED_CLASSES:
            return _HAS_UNDEF
    return _CLEAN_FROZEN if frozen else _CLEAN


def _find_undef(value, terms):
    if value is UNDEF or value is NULL:       # panc calls a null left in the tree undefined too
        return terms
    if isinstance(value, PanDict):
        for k in sorted(value):
            found = _find_undef(value[k], terms + (k,))
            if found is not None:
                return found
    elif isinstance(value, PanList):
        for i, v in enumerate(value):
            found = _find_undef(v, terms + (i,))
            if found is not None:
                return found
    return None


__all__ = ["ObjectContext"]


class _Lookups(dict):
    """``ObjectContext.lookups``: every entry is written right after the template's dependency
    record, so this is where units running now note both (see runtime.memo).  It holds the
    context's recorder list and dependencies, not the context: no reference cycle."""

    __slots__ = ("_recorders", "_dependencies")

    def __init__(self, recorders: list, dependencies: dict):
        super().__init__()
        self._recorders = recorders
        self._dependencies = dependencies

    def __setitem__(self, name, lookup):
        super().__setitem__(name, lookup)
        if self._recorders:
            record = self._dependencies.get(name)
            for rec in self._recorders:
                rec.dependencies.append((name, record, lookup))

    def __reduce__(self):
        return (dict, (dict(self),))
