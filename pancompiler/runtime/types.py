"""Pan types: building type objects from AST specs, validation and defaults.

A ``FullType`` is a base type plus an optional default value and ``with``
validation block.  Base types are built-in primitives (``long(0..10)``,
``string``, ``element``...), references to named user types (resolved through
the running object's type table, so definitions stay shared between objects),
``choice``, records, lists (``T[]``), dicts (``T{}``) and links (``T*``).
``validate`` raises ``ValidationError``; ``set_defaults`` returns a replacement
value or None, following panc's record rules (required fields are filled when
missing or undef, optional fields only when present as undef).
"""

from __future__ import annotations

from ..errors import PanError, PanSyntaxError, ValidationError
from ..syntax import ast
from .paths import PathError, parse_path
from .values import (UNDEF, PanDict, PanList, deep_copy, is_protected,
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


class PanType:
    """Base class: every type can validate a value and fill in defaults."""

    __slots__ = ()

    def validate(self, ev, value) -> None:
        raise NotImplementedError

    def find_default(self, ev):
        return None

    def set_defaults(self, ev, value):
        return None

    def is_record(self, ev) -> bool:
        return False


class PrimitiveType(PanType):
    __slots__ = ("name", "check", "range")

    def __init__(self, name: str, rng: ast.Range | None):
        self.name = name
        self.check = PRIMITIVES[name]
        self.range = rng

    def validate(self, ev, value) -> None:
        if not self.check(value):
            raise ValidationError(
                f"validation requires type of '{self.name}' but element is of type '{type_name(value)}'")
        if self.range is not None:
            check_range(self.range, value)

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
        t = ev.types.get(self.name)
        if t is None:
            raise ValidationError(f"type lookup failed for '{self.name}'")
        return t

    def validate(self, ev, value) -> None:
        self.target(ev).validate(ev, value)
        if self.range is not None:
            check_range(self.range, value)

    def find_default(self, ev):
        return self.target(ev).find_default(ev)

    def set_defaults(self, ev, value):
        return self.target(ev).set_defaults(ev, value)

    def is_record(self, ev) -> bool:
        return self.target(ev).is_record(ev)

    def validate_as_included(self, ev, value) -> None:
        self.target(ev).validate_as_included(ev, value)

    def __str__(self) -> str:
        return self.name


class ChoiceType(PanType):
    __slots__ = ("choices",)

    def __init__(self, choices):
        self.choices = frozenset(choices)

    def validate(self, ev, value) -> None:
        if type(value) is not str:
            raise ValidationError(
                f"validation requires type of 'string' but element is of type '{type_name(value)}'")
        if value not in self.choices:
            raise ValidationError(f"value ({value}) is not a possible choice value")

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

    @staticmethod
    def _children(value):
        raise NotImplementedError

    def validate(self, ev, value) -> None:
        if not isinstance(value, self.container):
            raise ValidationError(
                f"validation requires type of '{self.type_word}' but element is of type '{type_name(value)}'")
        if self.range is not None:
            check_range(self.range, value)
        elem = self.element
        for term, child in self._children(value):
            try:
                elem.validate(ev, child)
            except ValidationError as exc:
                raise _add_term(exc, term)

    def set_defaults(self, ev, value):
        if not isinstance(value, self.container):
            return None
        result = value
        for term, child in self._children(value):
            if child is UNDEF:
                default = self.element.find_default(ev)
                if default is not None:
                    result = _replace_child(result, term, default)
                    child = default
            new = self.element.set_defaults(ev, child)
            if new is not None:
                result = _replace_child(result, term, new)
        return None if result is value else result

    def __str__(self) -> str:
        return f"{self.element}{self.suffix}"


class ListType(_CollectionType):
    __slots__ = ()

    @staticmethod
    def _children(value):
        return list(enumerate(value))


class HashType(_CollectionType):
    __slots__ = ()
    container = PanDict
    type_word = "dict"
    suffix = "{}"

    @staticmethod
    def _children(value):
        return list(value.items())


class LinkType(PanType):
    __slots__ = ("element",)

    def __init__(self, element: PanType):
        self.element = element

    def validate(self, ev, value) -> None:
        if type(value) is not str:
            raise ValidationError(
                f"validation requires type of 'string' but element is of type '{type_name(value)}'")
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
        try:
            self.element.validate(ev, target)
        except ValidationError:
            raise ValidationError(f"element at linked path failed validation: '{value}'") from None

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
        self.fields = {k for k, _ in required} | {k for k, _ in optional}

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

    def validate(self, ev, value) -> None:
        if not isinstance(value, PanDict):
            raise ValidationError(
                f"validation requires type of 'dict' but element is of type '{type_name(value)}'")
        if not self.extensible:
            known = self._all_fields(ev)
            extra = [k for k in value if k not in known]
            if extra:
                extra_sorted = [k for k in sorted_keys(value) if k not in known]
                raise ValidationError(
                    "record definition contains unexpected field(s): " + "".join(f"{k} " for k in extra_sorted))
        self.validate_as_included(ev, value)

    def validate_as_included(self, ev, value) -> None:
        if not isinstance(value, PanDict):
            raise ValidationError(
                f"validation requires type of 'dict' but element is of type '{type_name(value)}'")
        if self.range is not None:
            check_range(self.range, value)
        for inc, _span in self.includes:
            t = ev.types.get(inc)
            if t is None:
                raise ValidationError(f"referenced type '{inc}' is not defined")
            if not t.is_record(ev):
                raise ValidationError(f"record definition includes non-record type: '{inc}'")
            t.validate_as_included(ev, value)
        for key, ftype in self.required:
            child = value.get(key)
            if child is None:
                raise ValidationError(f"record is missing required field: {key}")
            try:
                ftype.validate(ev, child)
            except ValidationError as exc:
                raise _add_term(exc, key)
        for key, ftype in self.optional:
            child = value.get(key)
            if child is not None:
                try:
                    ftype.validate(ev, child)
                except ValidationError as exc:
                    raise _add_term(exc, key)

    def set_defaults(self, ev, value):
        if not isinstance(value, PanDict):
            return None
        result = value
        for inc, _span in self.includes:
            t = ev.types.get(inc)
            if t is not None:
                new = t.set_defaults(ev, result)
                if new is not None:
                    result = new
        for key, ftype in self.required:
            child = result.get(key)
            if child is not None and child is not UNDEF:
                new = ftype.set_defaults(ev, child)
                if new is not None:
                    result = _replace_child(result, key, new)
            else:
                default = ftype.find_default(ev)
                if default is not None:
                    result = _replace_child(result, key, default)
                    new = ftype.set_defaults(ev, default)
                    if new is not None:
                        result = _replace_child(result, key, new)
        for key, ftype in self.optional:
            child = result.get(key)
            if child is not None:
                if child is UNDEF:
                    default = ftype.find_default(ev)
                    if default is not None:
                        result = _replace_child(result, key, default)
                        child = default
                new = ftype.set_defaults(ev, child)
                if new is not None:
                    result = _replace_child(result, key, new)
        return None if result is value else result

    def __str__(self) -> str:
        return "record"


def _replace_child(container, term, value):
    """Set a child, copying the container first if it is shared."""
    if is_protected(container):
        container = writable(container)
    container[term] = value
    return container


class FullType(PanType):
    """A base type with an optional default and ``with`` block."""

    __slots__ = ("base", "default", "with_fn", "span", "name", "refs", "record_includes")

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

    def is_record(self, ev) -> bool:
        return self.base.is_record(ev)

    def validate(self, ev, value) -> None:
        if value is None:
            raise ValidationError("element does not exist")
        self.base.validate(ev, value)
        if self.with_fn is not None:
            self._run_with(ev, value)

    def validate_as_included(self, ev, value) -> None:
        if value is None:
            raise ValidationError("element does not exist")
        base = self.base
        if isinstance(base, (RecordType, NamedRef)):
            base.validate_as_included(ev, value)
        else:
            base.validate(ev, value)
        if self.with_fn is not None:
            self._run_with(ev, value)

    def _run_with(self, ev, value) -> None:
        ok = ev.run_validation_block(self.with_fn, value)
        if not ok:
            exc = ValidationError("user-defined validation failed")
            raise exc

    def find_default(self, ev):
        if self.default is not None:
            return deep_copy(self.default)
        return self.base.find_default(ev)

    def set_defaults(self, ev, value):
        return self.base.set_defaults(ev, value)

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
