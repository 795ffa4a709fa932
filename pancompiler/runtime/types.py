"""Pan types: building type objects from AST specs, validation and defaults.

A ``FullType`` is a base type plus an optional default value and ``with``
validation block.  Base types are built-in primitives (``long(0..10)``,
``string``, ``element``...), references to named user types (resolved through
the running object's type table, so definitions stay shared between objects),
``choice``, records, lists (``T[]``), dicts (``T{}``) and links (``T*``).
Each type compiles, on first use, into closures kept on its ``FullType``
(see ``PanType``): ``check`` raises ``ValidationError``; ``set_defaults``
returns a replacement value or None, following panc's record rules (required
fields are filled when missing or undef, optional fields only when present as
undef).  Resource defaults are shared, protected, and copied on write.
"""

from __future__ import annotations

from ..errors import PanError, PanSyntaxError, ValidationError
from ..syntax import ast
from .paths import PathError, parse_path
from .values import (UNDEF, PanDict, PanList, ProtectedDict, ProtectedList, is_protected, protect_deep,
                     sorted_keys, to_string, type_name, writable)

PRIMITIVES = {
    "boolean": lambda v: type(v) is bool,
    "long": lambda v: type(v) is int,
    "double": lambda v: type(v) is float,
    "string": lambda v: type(v) is str,
    "number": lambda v: type(v) is int or type(v) is float,
    "property": lambda v: type(v) in (bool, int, float, str),
    "resource": lambda v: isinstance(v, (PanList, PanDict)),
    "list": lambda v: isinstance(v, PanList),
    "nlist": lambda v: isinstance(v, PanDict),
    "dict": lambda v: isinstance(v, PanDict),
    "element": lambda v: True,
}


def _range_text(r: ast.Range) -> str:
    """panc's Range.toString(): ``min..max``, the minimum defaulting to 0."""
    lo = 0 if r.min is None else r.min
    hi = "" if r.max is None else str(r.max)
    return f"{lo}..{hi}"


def _in_range(r: ast.Range, n) -> bool:
    # As in panc, a range written "..m" has minimum 0.
    lo = 0 if r.min is None else r.min
    return n >= lo and (r.max is None or n <= r.max)


def check_range(r: ast.Range | None, value) -> None:
    if r is None:
        return
    if type(value) is int or type(value) is float:
        if not _in_range(r, value):
            shown = f"{value:,}" if type(value) is int else to_string(value)
            raise ValidationError(f"value ({shown}) is outside range {_range_text(r)}")
    elif type(value) is str:
        if not _in_range(r, len(value)):
            raise ValidationError(f"string size ({len(value):,}) is outside range {_range_text(r)}")
    elif isinstance(value, PanList):
        if not _in_range(r, len(value)):
            raise ValidationError(f"list size ({len(value):,}) is outside range {_range_text(r)}")
    elif isinstance(value, PanDict):
        if not _in_range(r, len(value)):
            raise ValidationError(f"hash size ({len(value):,}) is outside range {_range_text(r)}")
    else:
        raise ValidationError(f"range checking cannot be applied to element of type {type_name(value)}")


def _add_term(exc: ValidationError, term) -> ValidationError:
    """Record that the failure is below ``term`` (innermost first)."""
    terms = getattr(exc, "rel_terms", None)
    if terms is None:
        exc.rel_terms = terms = []
    terms.insert(0, term)
    return exc


def _type_error(expected: str, value) -> ValidationError:
    return ValidationError(f"validation requires type of '{expected}' but element is of type '{type_name(value)}'")


def _missing() -> ValidationError:
    return ValidationError("element does not exist")


def _mismatch(expected: str, value, missing_first: bool) -> ValidationError:
    """The error of a value that fails a type's first test (see ``compile_check``)."""
    return _missing() if missing_first and value is None else _type_error(expected, value)


def _lookup(ev, name: str) -> "FullType":
    t = ev.types.get(name)
    if t is None:
        raise ValidationError(f"type lookup failed for '{name}'")
    return t


# Python classes whose values satisfy a primitive type that one class test decides.
_EXACT_CLASS = {"boolean": bool, "long": int, "double": float, "string": str}
_PRIMITIVE_CHECKS: dict = {}     # (name, missing_first) -> check of a range-less primitive


class PanType:
    """Base class: every type compiles into closures that do its work.

    - ``compile_check(missing_first)``: ``check(ev, value)`` raising
      ``ValidationError``, or None when every value passes; with
      ``missing_first`` it also stands for a FullType without ``with`` block,
      which reports a missing value (None) before anything else (saving a call
      level per value);
    - ``compile_fill()``: ``fill(ev, value)`` returning a value with defaults
      filled in (None: unchanged), or None when the type never changes a value;
    - ``compile_find()``: ``find(ev)`` returning the default value or None
      (a resource default is shared, protected down to its leaves, so that it
      is copied on write), or None when the type has no default.

    Named types are looked up in the running object's type table each time a
    closure runs, so what is compiled depends on the type's own structure only
    and serves every object of the process (``FullType`` keeps it).
    """

    __slots__ = ()

    def compile_check(self, missing_first: bool = False):
        raise NotImplementedError

    def compile_fill(self):
        return None

    def compile_find(self):
        return None

    def validate(self, ev, value) -> None:
        check = self.compile_check()
        if check is not None:
            check(ev, value)

    def is_record(self, ev) -> bool:
        return False


class PrimitiveType(PanType):
    __slots__ = ("name", "check", "range")

    def __init__(self, name: str, rng: ast.Range | None):
        self.name = name
        self.check = PRIMITIVES[name]
        self.range = rng

    def compile_check(self, missing_first: bool = False):
        if self.range is not None:
            return self._compile_check(missing_first)
        # Range-less primitives (most leaves) share one closure per kind.
        key = (self.name, missing_first)
        check = _PRIMITIVE_CHECKS.get(key, _PRIMITIVE_CHECKS)
        if check is _PRIMITIVE_CHECKS:
            check = _PRIMITIVE_CHECKS[key] = self._compile_check(missing_first)
        return check

    def _compile_check(self, missing_first: bool):
        name, rng, test = self.name, self.range, self.check
        cls = _EXACT_CLASS.get(name)

        if name == "element":
            if not missing_first and rng is None:
                return None

            def check(ev, value):
                if missing_first and value is None:
                    raise _missing()
                if rng is not None:
                    check_range(rng, value)
        elif cls is not None and rng is None:
            def check(ev, value):
                if type(value) is not cls:
                    raise _mismatch(name, value, missing_first)
        elif rng is None:
            def check(ev, value):
                if not test(value):
                    raise _mismatch(name, value, missing_first)
        else:
            def check(ev, value):
                if not test(value):
                    raise _mismatch(name, value, missing_first)
                check_range(rng, value)
        return check

    def __str__(self) -> str:
        return self.name


class NamedRef(PanType):
    """A reference to a user-defined type, looked up when used."""

    __slots__ = ("name", "range", "span")

    def __init__(self, name: str, rng, span):
        self.name = name
        self.range = rng
        self.span = span

    def target(self, ev) -> "FullType":
        return _lookup(ev, self.name)

    def compile_check(self, missing_first: bool = False):
        name, rng = self.name, self.range

        # The lookup is inlined (not _lookup) in the closures run per value.
        def check(ev, value):
            if missing_first and value is None:
                raise _missing()
            target = ev.types.get(name)
            if target is None:
                raise ValidationError(f"type lookup failed for '{name}'")
            cls = type(value)
            if (cls is ProtectedDict or cls is ProtectedList) and ev.phase_memo is not None:
                # A value shared between objects (runtime.phasememo): checked once per worker.
                ev.phase_memo.check(ev, target, value, target.check)
            else:
                target.check(ev, value)
            if rng is not None:
                check_range(rng, value)
        return check

    def compile_included(self):
        name = self.name

        def check(ev, value):
            _lookup(ev, name).validate_as_included(ev, value)
        return check

    def compile_fill(self):
        name = self.name

        def fill(ev, value):
            target = ev.types.get(name)
            if target is None:
                raise ValidationError(f"type lookup failed for '{name}'")
            if not target.defaults_ready:
                target.compile_defaults()
            target_fill = target.fill
            return None if target_fill is None else target_fill(ev, value)
        return fill

    def compile_find(self):
        name = self.name

        def find(ev):
            return _lookup(ev, name).find_default(ev)
        return find

    def is_record(self, ev) -> bool:
        return self.target(ev).is_record(ev)

    def __str__(self) -> str:
        return self.name


class ChoiceType(PanType):
    __slots__ = ("choices",)

    def __init__(self, choices):
        self.choices = frozenset(choices)

    def compile_check(self, missing_first: bool = False):
        choices = self.choices

        def check(ev, value):
            if type(value) is not str:
                raise _mismatch("string", value, missing_first)
            if value not in choices:
                raise ValidationError(f"value ({value}) is not a possible choice value")
        return check

    def __str__(self) -> str:
        return "choice"


class _CollectionType(PanType):
    """A list (``T[]``) or dict (``T{}``) whose every child has one type."""

    __slots__ = ("element", "range")
    container: type = PanList
    type_word = "list"
    suffix = "[]"

    def __init__(self, element: PanType, rng):
        self.element = element
        self.range = rng

    # (term, child) pairs of a value: ``_children`` while children may be
    # replaced as they are walked, ``_checked_children`` while they are read only.
    _children = _checked_children = None

    def compile_check(self, missing_first: bool = False):
        container, word, rng, children = self.container, self.type_word, self.range, self._checked_children
        element_check = self.element.compile_check()

        def check(ev, value):
            if not isinstance(value, container):
                raise _mismatch(word, value, missing_first)
            if rng is not None:
                check_range(rng, value)
            if element_check is not None:
                for term, child in children(value):
                    try:
                        element_check(ev, child)
                    except ValidationError as exc:
                        raise _add_term(exc, term)
        return check

    def compile_fill(self):
        container, children = self.container, self._children
        element_fill = self.element.compile_fill()
        element_find = self.element.compile_find()
        if element_fill is None and element_find is None:
            return None

        def fill(ev, value):
            if not isinstance(value, container):
                return None
            result = value
            for term, child in children(value):
                if child is UNDEF and element_find is not None:
                    default = element_find(ev)
                    if default is not None:
                        result = _replace_child(result, term, default)
                        child = default
                if element_fill is not None:
                    new = element_fill(ev, child)
                    if new is not None:
                        result = _replace_child(result, term, new)
            return None if result is value else result
        return fill

    def __str__(self) -> str:
        return f"{self.element}{self.suffix}"


class ListType(_CollectionType):
    __slots__ = ()
    _children = _checked_children = staticmethod(enumerate)


class HashType(_CollectionType):
    __slots__ = ()
    container = PanDict
    type_word = "dict"
    suffix = "{}"

    _checked_children = staticmethod(dict.items)

    @staticmethod
    def _children(value):
        return list(value.items())


class LinkType(PanType):
    __slots__ = ("element",)

    def __init__(self, element: PanType):
        self.element = element

    def compile_check(self, missing_first: bool = False):
        element_check = self.element.compile_check()

        def check(ev, value):
            if type(value) is not str:
                raise _mismatch("string", value, missing_first)
            try:
                path = parse_path(value)
            except PathError:
                raise ValidationError(f"invalid link path '{value}'") from None
            if path.kind == "relative":
                raise ValidationError(f"invalid link path '{value}'")
            try:
                target = ev.read_path(path)
            except PanError:
                target = None
            if target is None:
                raise ValidationError(f"element at link path does not exist: '{value}'")
            if element_check is not None:
                try:
                    element_check(ev, target)
                except ValidationError:
                    raise ValidationError(f"element at linked path failed validation: '{value}'") from None
        return check

    def __str__(self) -> str:
        return f"{self.element}*"


class RecordType(PanType):
    __slots__ = ("extensible", "includes", "required", "optional", "range", "fields")

    def __init__(self, extensible, includes, required, optional, rng):
        self.extensible = extensible
        self.includes = includes            # [(name, span)]
        self.required = required            # [(key, FullType)]
        self.optional = optional
        self.range = rng
        self.fields = frozenset(k for k, _ in required) | frozenset(k for k, _ in optional)

    def is_record(self, ev) -> bool:
        return True

    def _all_fields(self, ev) -> set:
        names = set(self.fields)
        for inc, _ in self.includes:
            t = ev.types.get(inc)
            if t is not None:
                base = t.base
                while isinstance(base, NamedRef):
                    base = base.target(ev).base
                if isinstance(base, RecordType):
                    names |= base._all_fields(ev)
        return names

    def compile_check(self, missing_first: bool = False):
        if self.extensible:
            return self.compile_included(missing_first)
        fields_check = self.compile_included()
        all_fields = self._all_fields
        static_fields = self.fields if not self.includes else None

        def check(ev, value):
            if not isinstance(value, PanDict):
                raise _mismatch("dict", value, missing_first)
            known = static_fields if static_fields is not None else all_fields(ev)
            if not known.issuperset(value):
                extra_sorted = [k for k in sorted_keys(value) if k not in known]
                raise ValidationError(
                    "record definition contains unexpected field(s): " + "".join(f"{k} " for k in extra_sorted))
            fields_check(ev, value)
        return check

    def compile_included(self, missing_first: bool = False):
        """The checks of the record's fields, also run for a record including it."""
        rng = self.range
        includes = tuple(inc for inc, _span in self.includes)
        # Field types compile when a value first reaches them: (key, FullType).
        required, optional = tuple(self.required), tuple(self.optional)

        def check(ev, value):
            if not isinstance(value, PanDict):
                raise _mismatch("dict", value, missing_first)
            if rng is not None:
                check_range(rng, value)
            for inc in includes:
                t = ev.types.get(inc)
                if t is None:
                    raise ValidationError(f"referenced type '{inc}' is not defined")
                if not t.is_record(ev):
                    raise ValidationError(f"record definition includes non-record type: '{inc}'")
                t.validate_as_included(ev, value)
            for key, field in required:
                child = value.get(key)
                if child is None:
                    raise ValidationError(f"record is missing required field: {key}")
                try:
                    field.check(ev, child)
                except ValidationError as exc:
                    raise _add_term(exc, key)
            for key, field in optional:
                child = value.get(key)
                if child is not None:
                    try:
                        field.check(ev, child)
                    except ValidationError as exc:
                        raise _add_term(exc, key)
        return check

    def compile_fill(self):
        """panc's record rules: required fields are filled when missing or
        undef, optional ones only when present as undef; fields whose type can
        neither fill nor change anything are left out of the walk."""
        includes = tuple(inc for inc, _span in self.includes)

        def active(fields):
            out = []
            for key, full in fields:
                full.compile_defaults()
                if full.fill is not None or full.find is not None:
                    out.append((key, full.fill, full.find))
            return tuple(out)

        required, optional = active(self.required), active(self.optional)
        if not includes and not required and not optional:
            return None

        def fill(ev, value):
            if not isinstance(value, PanDict):
                return None
            result = value
            for inc in includes:
                t = ev.types.get(inc)
                if t is not None:
                    new = t.set_defaults(ev, result)
                    if new is not None:
                        result = new
            for key, field_fill, field_find in required:
                child = result.get(key)
                if child is not None and child is not UNDEF:
                    if field_fill is not None:
                        new = field_fill(ev, child)
                        if new is not None:
                            result = _replace_child(result, key, new)
                elif field_find is not None:
                    default = field_find(ev)
                    if default is not None:
                        result = _replace_child(result, key, default)
                        if field_fill is not None:
                            new = field_fill(ev, default)
                            if new is not None:
                                result = _replace_child(result, key, new)
            for key, field_fill, field_find in optional:
                child = result.get(key)
                if child is not None:
                    if child is UNDEF and field_find is not None:
                        default = field_find(ev)
                        if default is not None:
                            result = _replace_child(result, key, default)
                            child = default
                    if field_fill is not None:
                        new = field_fill(ev, child)
                        if new is not None:
                            result = _replace_child(result, key, new)
            return None if result is value else result
        return fill

    def __str__(self) -> str:
        return "record"


def _replace_child(container, term, value):
    """Set a child, copying the container first if it is shared."""
    if is_protected(container):
        container = writable(container)
    container[term] = value
    return container


def _with_block(base_check, with_fn):
    """A FullType's check: the value must exist, pass ``base_check`` (None:
    anything passes) and then its ``with`` block (None: no block)."""
    if with_fn is None:
        if base_check is None:
            def check(ev, value):
                if value is None:
                    raise _missing()
        else:
            def check(ev, value):
                if value is None:
                    raise _missing()
                base_check(ev, value)
        return check

    def check(ev, value):
        if value is None:
            raise _missing()
        if base_check is not None:
            base_check(ev, value)
        if not ev.run_validation_block(with_fn, value):
            raise ValidationError("user-defined validation failed")
    return check


class FullType(PanType):
    """A base type with an optional default and ``with`` block.

    Its closures are compiled on first use and kept: ``check(ev, value)``
    validates (a missing value is None; until compiled, a stand-in that
    compiles first); ``fill`` and ``find``, the base's ``compile_fill()`` and
    the default finder (either may be None: nothing to do), are set by
    ``compile_defaults()``.  Compiling one type does not compile the types of
    its record fields, so types no value reaches cost nothing.
    """

    __slots__ = ("base", "default", "with_fn", "span", "name", "refs", "record_includes",
                 "check", "fill", "find", "defaults_ready", "_included")

    def __init__(self, base: PanType, default, with_fn, span, name=None):
        self.base = base
        self.default = default       # a constant value or None
        self.with_fn = with_fn       # closure or None
        self.span = span
        self.name = name
        # Named types this type refers to, and those its records include:
        # checked against the object's type table when the type is defined.
        refs: list = []
        includes: list = []
        _collect_refs(base, refs, includes)
        self.refs = tuple(dict.fromkeys(refs))
        self.record_includes = tuple(dict.fromkeys(includes))
        self.check = self._check_first
        self.fill = self.find = None
        self.defaults_ready = False
        self._included = None

    def _check_first(self, ev, value) -> None:
        base, with_fn = self.base, self.with_fn
        if with_fn is None:
            self.check = base.compile_check(missing_first=True) or _with_block(None, None)
        else:
            self.check = _with_block(base.compile_check(), with_fn)
        self.check(ev, value)

    def compile_defaults(self) -> None:
        if not self.defaults_ready:
            self.fill = self.base.compile_fill()
            self.find = self._compile_find()
            self.defaults_ready = True

    def _compile_find(self):
        default = self.default
        if default is None:
            return self.base.compile_find()
        # A resource default is shared, not copied: protected down to its
        # leaves, it is copied on write like any constant put in a tree.
        protect_deep(default)
        return lambda ev: default

    def is_record(self, ev) -> bool:
        return self.base.is_record(ev)

    def validate(self, ev, value) -> None:
        self.check(ev, value)

    def validate_as_included(self, ev, value) -> None:
        included = self._included
        if included is None:
            base = self.base
            if isinstance(base, (RecordType, NamedRef)):
                base_check = base.compile_included()
            else:
                base_check = base.compile_check()
            included = self._included = _with_block(base_check, self.with_fn)
        included(ev, value)

    def find_default(self, ev):
        if not self.defaults_ready:
            self.compile_defaults()
        find = self.find
        return None if find is None else find(ev)

    def set_defaults(self, ev, value):
        if not self.defaults_ready:
            self.compile_defaults()
        fill = self.fill
        return None if fill is None else fill(ev, value)

    def compile_check(self, missing_first: bool = False):
        return self.check

    def __str__(self) -> str:
        return self.name or str(self.base)


def _collect_refs(base, refs: list, includes: list) -> None:
    if isinstance(base, NamedRef):
        refs.append(base.name)
    elif isinstance(base, (ListType, HashType, LinkType)):
        _collect_refs(base.element, refs, includes)
    elif isinstance(base, RecordType):
        for inc, _ in base.includes:
            refs.append(inc)
            includes.append(inc)
        for _key, full in base.required + base.optional:
            refs.extend(full.refs)
            includes.extend(full.record_includes)


def _build_base(node, compiler) -> PanType:
    if isinstance(node, ast.NamedType):
        name = node.name
        if name in PRIMITIVES:
            return PrimitiveType(name, node.range)
        return NamedRef(name, node.range, node.span)
    if isinstance(node, ast.ChoiceType):
        return ChoiceType(node.choices)
    if isinstance(node, ast.RecordType):
        return build_record(node, compiler)
    raise TypeError(node)


def build_record(node: ast.RecordType, compiler) -> RecordType:
    includes, required, optional = [], [], []
    seen = set()
    for f in node.fields:
        if isinstance(f, ast.FieldInclude):
            includes.append((f.type_name, f.span))
            continue
        try:
            path = parse_path(f.name, allow_all_relative=True)
        except PathError:
            raise PanSyntaxError(f"field name ({f.name}) must be a valid path", f.span) from None
        if path.kind != "relative" or len(path.terms) != 1:
            raise PanSyntaxError(f"field name ({f.name}) must be a valid term", f.span)
        key = path.terms[0]
        if type(key) is int:
            raise PanSyntaxError(f"field name ({f.name}) must be a valid key, not an index", f.span)
        ftype = build_full_type(f.type, compiler)
        seen.add(key)
        (required if f.required else optional).append((key, ftype))
    required.sort(key=lambda kv: kv[0])
    optional.sort(key=lambda kv: kv[0])
    return RecordType(node.extensible, includes, required, optional, node.range)


def build_full_type(node: ast.FullType, compiler, name: str | None = None) -> FullType:
    """Turn an AST type spec into a FullType (defaults evaluated now)."""
    spec = node.spec
    base = _build_base(spec.base, compiler)
    for clause in spec.clauses:
        if clause.kind == "list":
            base = ListType(base, clause.range)
        elif clause.kind == "dict":
            base = HashType(base, clause.range)
        else:
            base = LinkType(base)
    default = None
    if node.default is not None:
        default = compiler.constant_value(node.default)
    with_fn = compiler.compile_validation(node.with_) if node.with_ is not None else None
    return FullType(base, default, with_fn, node.span, name)


__all__ = ["FullType", "build_full_type", "check_range", "PanType"]
