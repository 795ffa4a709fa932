"""What a recorded unit saw of an object, in forms that compare exactly and cheaply.

``fingerprint`` turns a pan value into something equal exactly when two values are the same,
types included (orjson's text where it is exact, a pickle of the plain value otherwise);
``frozen_identity`` names a value that can never change again, so a later read finding that very
object needs no fingerprint; ``path_shape``/``path_shape_from`` say what a write along a path
depends on (the type of each node on the way, a list's length).  Recording (``runtime.memo``),
replaying (``runtime.replay``) and the reuse of checks (``runtime.phasememo``) all compare state
through these.
"""

from __future__ import annotations

import pickle

from .dml import MISSING
from .values import NULL, UNDEF, PanDict, PanList, ProtectedDict, ProtectedList

try:
    import orjson
except ImportError:  # pragma: no cover
    orjson = None


def _refuse(value):
    raise TypeError


def fingerprint(value):
    """A value that compares equal exactly when two pan values are the same (types included)."""
    cls = type(value)
    if cls is str or cls is int or cls is bool:
        return (cls, value)
    if cls is float:
        return (cls, repr(value))
    if value is MISSING or value is UNDEF or value is NULL:
        return value
    if orjson is not None:
        try:
            text = orjson.dumps(value, default=_refuse)
        except TypeError:
            text = None
        if text is not None and not may_hold_bare_null(text):
            return text
    return pickle.dumps(_plain(value), protocol=pickle.HIGHEST_PROTOCOL)


def frozen_identity(value):
    """``value`` itself if it is a container protected all the way down, else None.  Such a value
    never changes again (every write copies), so a later read finding this very object has found
    the same value, without fingerprinting it; values shared between objects (replayed effects,
    shared bound values, type defaults) are all of this kind."""
    cls = type(value)
    if (cls is ProtectedDict or cls is ProtectedList) and _deep_protected(value):
        return value
    return None


def _deep_protected(value) -> bool:
    for child in (value.values() if type(value) is ProtectedDict else value):
        cls = type(child)
        if cls is PanDict or cls is PanList:
            return False
        if (cls is ProtectedDict or cls is ProtectedList) and not _deep_protected(child):
            return False
    return True


def may_hold_bare_null(text: bytes) -> bool:
    """Whether orjson's compact ``text`` may hold ``null`` as a value: orjson writes every
    non-finite double so, and such texts must not stand for the value.  A ``null`` inside a
    string ("/dev/null", "mailnull") is told apart by its neighbours; the rare string that holds
    ``:null,`` or the like only makes the answer a cautious yes."""
    at = text.find(b"null")
    while at >= 0:
        end = at + 4
        if text[at - 1:at] in _BEFORE_VALUE and text[end:end + 1] in _AFTER_VALUE:
            return True
        at = text.find(b"null", end)
    return False


_BEFORE_VALUE = (b":", b"[", b",", b"")
_AFTER_VALUE = (b",", b"]", b"}", b"")


def _plain(value):
    """The value with pan containers as plain dict/list (protected or not does not matter)."""
    if isinstance(value, PanDict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, PanList):
        return [_plain(v) for v in value]
    if value is UNDEF:
        return ("<undef>",)
    if value is NULL:
        return ("<null>",)
    return value

def step(node, term):
    if isinstance(node, PanDict):
        return node.get(term, MISSING) if type(term) is str else MISSING
    if isinstance(node, PanList):
        return node[term] if type(term) is int and -len(node) <= term < len(node) else MISSING
    return MISSING


MISSING_SHAPE = ("missing",)


def path_shape_from(root, terms, start: int) -> tuple:
    """``path_shape`` below the node ``terms[:start + 1]``, the first one along the path that
    the running unit has not written below (its parents may exist only because of the unit)."""
    node = root
    stop = min(start + 1, len(terms))
    i = 0
    while i < stop:               # step() inlined: this runs for every write a replay checks
        term = terms[i]
        cls = type(node)
        if cls is PanDict or cls is ProtectedDict:
            node = node.get(term, MISSING) if type(term) is str else MISSING
        elif cls is PanList or cls is ProtectedList:
            node = node[term] if type(term) is int and -len(node) <= term < len(node) else MISSING
        else:
            return MISSING_SHAPE
        if node is MISSING:
            return MISSING_SHAPE
        i += 1
    return path_shape(node, terms[stop:])


def path_shape(root, terms) -> tuple:
    """What a write at ``terms`` depends on: the type of each existing node along the path
    (and a list's length), down to the first missing one; the leaf's type if it exists."""
    shape = []
    node = root
    for term in terms:
        cls = type(node)
        if cls is PanList or cls is ProtectedList:
            shape.append((PanList, len(node)))
            if type(term) is not int or not -len(node) <= term < len(node):
                return tuple(shape)
            node = node[term]
        elif cls is PanDict or cls is ProtectedDict:
            shape.append(PanDict)
            if type(term) is not str:
                return tuple(shape)
            node = node.get(term, MISSING)
            if node is MISSING:
                return tuple(shape)
        else:
            shape.append(cls)
            return tuple(shape)
    cls = type(node)
    shape.append(PanList if cls is PanList or cls is ProtectedList else
                 PanDict if cls is PanDict or cls is ProtectedDict else cls)
    return tuple(shape)

def value_at(root, terms):
    node = root
    for term in terms:
        if isinstance(node, PanDict):
            node = node.get(term, MISSING) if type(term) is str else MISSING
        elif isinstance(node, PanList):
            node = node[term] if type(term) is int and -len(node) <= term < len(node) else MISSING
        else:
            return MISSING
        if node is MISSING:
            return MISSING
    return node
