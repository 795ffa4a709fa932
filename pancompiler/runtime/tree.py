"""Reading and writing pan resources by term: the configuration tree and locals.

``put`` and ``get`` implement panc's rules for one level (list padding with
undef, negative indexes, deletion by ``NULL``, the type-replacement check) and
``put_path``/``get_path`` walk a whole term list, creating missing dicts and
lists and copying protected (shared) resources before writing.  ``FinalFlags``
records the paths frozen by ``final``.  Errors are ``EvaluationError`` with
panc's wording; the caller adds the location.
"""

from __future__ import annotations

from ..errors import EvaluationError
from .values import (NULL, UNDEF, PanDict, PanList, ProtectedDict, ProtectedList, protect,
                     type_name, writable)

_MISSING = object()


def check_replacement(old, new) -> None:
    """panc's checkValidReplacement: a value keeps its type unless cleared."""
    if new is UNDEF or new is NULL or old is UNDEF or old is NULL:
        return
    old_cls = type(old)
    new_cls = type(new)
    if old_cls is new_cls:
        return
    if isinstance(old, PanDict):
        if isinstance(new, PanDict):
            return
    elif isinstance(old, PanList):
        if isinstance(new, PanList):
            return
    raise EvaluationError(
        f"existing element of type {type_name(old)} cannot be replaced by one of type {type_name(new)}")


def get(resource, term, missing=_MISSING):
    """One level of lookup; ``missing`` is returned when absent."""
    cls = type(resource)
    if cls is PanDict or cls is ProtectedDict:
        if type(term) is str:
            return resource.get(term, missing)
        return missing
    if cls is PanList or cls is ProtectedList:
        if type(term) is int:
            n = len(resource)
            if -n <= term < n:
                return resource[term]
        return missing
    return missing


def put(resource, term, value) -> None:
    """Set (or delete, for NULL) one child of a writable resource."""
    if isinstance(resource, PanDict):
        if type(term) is not str:
            raise EvaluationError(f"cannot use index {term} on a dict (nlist)")
        if value is NULL:
            resource.pop(term, None)
            return
        old = resource.get(term, _MISSING)
        if old is not _MISSING:
            check_replacement(old, value)
        resource[term] = value
        return
    if isinstance(resource, PanList):
        if type(term) is not int:
            raise EvaluationError(f"cannot use key '{term}' on a list")
        n = len(resource)
        if term < 0:
            if term < -n:
                raise EvaluationError(
                    f"value {term} is an invalid negative list index (lowest allowed -{n})")
            term += n
        if value is NULL:
            if term < n:
                del resource[term]
            return
        if term < n:
            check_replacement(resource[term], value)
            resource[term] = value
        else:
            if term > n:
                resource.extend([UNDEF] * (term - n))
            resource.append(value)
        return
    raise EvaluationError(f"cannot add child to element of type {type_name(resource)}")


def _writable_child(parent, term, next_term):
    """The child at ``term``, created or copied so it can be written."""
    if type(parent) is PanDict and type(term) is str:
        # The common case, ``put`` inlined: a missing or undef child is
        # replaced, a protected one copied (no type check can fail).
        child = parent.get(term)
        if child is None or child is UNDEF:
            child = parent[term] = PanDict() if type(next_term) is str else PanList()
            return child
        cls = type(child)
        if cls is ProtectedDict or cls is ProtectedList:
            child = parent[term] = writable(child)
        return child
    child = get(parent, term, None)
    if child is None or child is UNDEF:
        child = PanDict() if type(next_term) is str else PanList()
        put(parent, term, child)
        return child
    cls = type(child)
    if cls is ProtectedDict or cls is ProtectedList:
        child = writable(child)
        put(parent, term, child)
    return child


def put_path(root, terms, value) -> None:
    """Set ``value`` at ``terms`` below a writable ``root``."""
    node = _writable_parent(root, terms)
    term = terms[-1]
    if type(node) is PanDict and type(term) is str and value is not NULL:
        old = node.get(term, _MISSING)
        if old is not _MISSING and type(old) is not type(value):    # (equal types always pass)
            check_replacement(old, value)
        node[term] = value
        return
    if not isinstance(node, (PanDict, PanList)):
        raise EvaluationError(f"cannot add child to element of type {type_name(node)}")
    put(node, term, value)


def put_children(root, parent: tuple, items: tuple) -> None:
    """``put_path(root, parent + (key,), value)`` for each ``(key, value)`` of ``items`` (string
    keys, no NULL), walking down to ``parent`` once: replayed templates set many keys of the
    same dict."""
    node = _writable_parent(root, parent + (items[0][0],))
    if type(node) is not PanDict:
        for key, value in items:
            put_path(root, parent + (key,), value)
        return
    for key, value in items:
        old = node.get(key, _MISSING)
        if old is not _MISSING and type(old) is not type(value):    # (equal types always pass)
            check_replacement(old, value)
        node[key] = value


def _writable_parent(root, terms):
    """The node that holds ``terms[-1]``, every node down to it created or copied so it can be
    written.  The dict-below-dict case of ``_writable_child`` is inlined: every assignment
    statement comes here."""
    node = root
    for i in range(len(terms) - 1):
        term = terms[i]
        if type(node) is PanDict and type(term) is str:
            child = node.get(term)
            if child is None or child is UNDEF:
                child = node[term] = PanDict() if type(terms[i + 1]) is str else PanList()
            else:
                cls = type(child)
                if cls is ProtectedDict or cls is ProtectedList:
                    child = node[term] = writable(child)
            node = child
        else:
            node = _writable_child(node, term, terms[i + 1])
    return node


def get_path(root, terms, default=None):
    """The value at ``terms`` below ``root``, or ``default`` when absent."""
    node = root
    for term in terms:
        cls = type(node)
        if (cls is PanDict or cls is ProtectedDict) and type(term) is str:
            node = node.get(term, _MISSING)         # ``get`` inlined for dicts
        else:
            node = get(node, term, _MISSING)
        if node is _MISSING:
            return default
    return node


def read_path(root, terms, default=None):
    """Like get_path, but as panc reads a path for value(), exists() and the like:
    a string term on a list or a number on a dict is an error, not a miss."""
    node = root
    for i, term in enumerate(terms):
        if isinstance(node, PanList) and type(term) is not int or \
                isinstance(node, PanDict) and type(term) is not str:
            raise EvaluationError(
                f"cannot dereference element of type '{type_name(node)}' with term '{term}'; error at "
                f"'/{'/'.join(map(str, terms[:i + 1]))}' with full path '/{'/'.join(map(str, terms))}'")
        node = get(node, term, _MISSING)
        if node is _MISSING:
            return default
    return node


def get_path_protected(root, terms, default=None):
    """Like get_path, but the result is marked shared (read by DML)."""
    value = get_path(root, terms, _MISSING)
    if value is _MISSING:
        return default
    return protect(value)


class FinalFlags:
    """The set of paths made final; a write at or below one is refused.

    ``_paths`` is the set itself (tested for emptiness before every write;
    ``runtime.memo`` reads it too); ``_above`` holds every strict prefix of a final path, so the common
    answer "no final path below" is one set look-up.
    """

    __slots__ = ("_paths", "_above")

    def __init__(self):
        self._paths: set[tuple] = set()
        self._above: set[tuple] = set()

    def __bool__(self) -> bool:
        return bool(self._paths)

    def add(self, terms: tuple) -> None:
        terms = tuple(terms)
        self._paths.add(terms)
        above = self._above
        for i in range(len(terms)):
            above.add(terms[:i])

    def final_prefix(self, terms: tuple):
        """The final path at or above ``terms``, if any."""
        paths = self._paths
        if not paths:
            return None
        for i in range(len(terms) + 1):
            if terms[:i] in paths:
                return terms[:i]
        return None

    def final_below(self, terms: tuple):
        """A final path strictly below ``terms``, if any."""
        if terms not in self._above:
            return None
        n = len(terms)
        for p in self._paths:
            if len(p) > n and p[:n] == terms:
                return p
        return None

    def copy(self) -> "FinalFlags":
        other = FinalFlags()
        other._paths = set(self._paths)
        other._above = set(self._above)
        return other
