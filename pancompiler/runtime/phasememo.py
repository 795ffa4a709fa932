"""Reusing the defaults and type checks of values that objects share.

Replayed templates (``runtime.memo``) put the very same value objects, shared and copy-on-write,
into every object of a worker, so phases 2 and 3 keep meeting values they have already filled
and checked.  ``PhaseMemo`` remembers, for a bound type and a shared value (by identity, the
value kept alive with the entry), what filling its defaults produced and that it passed its
checks, together with the messages printed meanwhile.  It applies only when the work read
nothing of the object but that value: a ``Probe`` stands in as the running unit's recorder, so
every hook that notes a read of the tree, a variable's value, OBJECT or another object marks the
work as not reusable; which types and functions the names resolve to, and which global variables
exist (assigning a local checks that no global has its name), are part of the key (an object
signature built once per object).  A failing check is never
remembered: errors are always produced by running the check.
"""

from __future__ import annotations

from . import tree
from .memo import Recorder
from .values import UNDEF, PanDict, PanList, is_protected, protect

_NO_CHANGE = object()


class Probe(Recorder):
    """A recorder that only tells whether anything but the value itself was read."""

    __slots__ = ("impure",)

    def __init__(self):       # noqa: D107 - none of Recorder's snapshots are needed
        self.impure = False
        self.ok = True
        self.reads = []
        self.messages = []
        self.written = set()
        self.written_order = []
        self.prefixes = set()
        self.globals_written = {}
        self.defined_functions = []
        self.defined_names = set()
        self.defined_types = []
        self.defined_type_names = set()
        self.loaded = []
        self.loaded_set = set()
        self.dependencies = []
        self.seen = set()

    def note(self, read: tuple) -> None:
        if read[0] not in ("f", "t"):       # function and type tables are in the signature
            self.impure = True

    def read_path(self, terms: tuple, value) -> None:
        self.impure = True

    def read_global(self, name: str, value) -> None:
        self.impure = True

    def global_exists(self, name: str, found: bool) -> None:
        pass                                # the names of the globals are in the signature

    def write_target(self, terms, root, kind, extra) -> None:
        self.impure = True

    def reusable(self) -> bool:
        return self.ok and not self.impure and not self.reads and not self.dependencies


class PhaseMemo:
    """Defaults and checks of shared values, per session."""

    def __init__(self):
        self.signatures: dict = {}
        self.defaults: dict = {}
        self.checks: dict = {}

    def signature(self, ev) -> int:
        """A small number naming the object's type and function tables and its global names exactly."""
        key = (tuple(ev.types.items()), tuple((name, entry[0]) for name, entry in ev.functions.items()),
               tuple(ev.globals))
        found = self.signatures.get(key)
        if found is None:
            found = self.signatures[key] = len(self.signatures)
        return found

    def default_one(self, ev, terms: tuple, full, run) -> None:
        """``run()`` fills the defaults of one bound path; reuse its result when possible."""
        current = _get(ev, terms)
        shared = current is None or current is UNDEF or is_protected(current)
        if not shared:
            run()
            return
        key = (id(full), id(current), ev.phase_signature)
        entry = self.defaults.get(key)
        if entry is not None and entry[0] is full and entry[1] is current:
            for message in entry[3]:
                ev.session.emit(message)
            if entry[2] is not _NO_CHANGE:
                ev.put(terms, False, entry[2])
            return
        probe = Probe()
        ev.recorders.append(probe)
        try:
            run()
        finally:
            ev.recorders.pop()
        if probe.reusable():
            after = _get(ev, terms)
            result = _NO_CHANGE if after is current else _protect_deep(after)
            self.defaults[key] = (full, current, result, tuple(probe.messages))

    def check(self, ev, full, value, run) -> None:
        """``run(ev, value)`` checks a value against ``full``; skip it for a shared value that
        passed before."""
        shared = value is not None and (is_protected(value) or not isinstance(value, (PanDict, PanList)))
        if not shared:
            run(ev, value)
            return
        key = (id(full), id(value), ev.phase_signature)
        entry = self.checks.get(key)
        if entry is not None and entry[0] is full and entry[1] is value:
            for message in entry[2]:
                ev.session.emit(message)
            return
        probe = Probe()
        ev.recorders.append(probe)
        try:
            run(ev, value)
        finally:
            ev.recorders.pop()
        if probe.reusable():
            self.checks[key] = (full, value, tuple(probe.messages))


def _get(ev, terms):
    return tree.get_path(ev.root, terms, None) if terms else ev.root


def _protect_deep(value):
    if isinstance(value, PanDict):
        for child in value.values():
            _protect_deep(child)
    elif isinstance(value, PanList):
        for child in value:
            _protect_deep(child)
    return protect(value)
