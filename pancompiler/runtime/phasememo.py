"""Reusing the defaults and type checks of values that objects share.

Replayed templates (``runtime.memo``) put the very same value objects, shared and copy-on-write,
into every object of a worker, and ``share_bound_values`` (before phase 2 and again before
phase 3) swaps a bound value the object built itself for an equal one an earlier object had, so
phases 2 and 3 keep meeting values they have already filled and checked.  ``PhaseMemo``
remembers, for a type and a shared value (by identity, the value kept alive with the entry), what
filling its defaults produced and that it passed its checks, with the messages printed meanwhile.
A ``Probe`` stands in as the running unit's recorder: the paths and variables the work read are
kept with a fingerprint of what was seen and must all still hold for the result to be reused
(work whose reads differed twice is no longer recorded); a read of OBJECT or of another object
makes the work not reusable.  Which types and functions the names resolve to, and which global
variables exist (assigning a local checks that no global has its name), are part of the key: a
signature built once per object.  A failing check is never remembered: errors always come from
running the check.
"""

from __future__ import annotations

import operator
from functools import lru_cache

from . import tree
from .dml import MISSING
from .memo import Recorder
from .snapshot import fingerprint, frozen_identity, may_hold_bare_null, value_at

try:
    import orjson
except ImportError:  # pragma: no cover
    orjson = None
from .values import UNDEF, PanDict, PanList, is_protected, protect_deep

_NO_CHANGE = object()
#: Entries a table keeps before it starts afresh: values unique to one object (its hardware, its
#: addresses) are remembered too, and would otherwise hold memory in proportion to the site.
MAX_ENTRIES = 20_000
#: New values a bound path may hold, none of them equal to an earlier one, before its values are
#: no longer compared: it holds what is the object's own (its hardware, its addresses).
GIVE_UP_SHARING = 4


class Probe(Recorder):
    """A recorder for phases 2 and 3: the paths and variables read, with what was seen, and
    whether anything else was read (then the result is not reused)."""

    __slots__ = ("impure", "seen_values")

    def __init__(self):       # noqa: D107 - none of Recorder's snapshots are needed
        self._start_empty()
        self.impure = False
        # ("p", terms, fingerprint, frozen_identity) and ("g", name, fingerprint, frozen_identity)
        self.seen_values = []

    def note(self, read: tuple) -> None:
        if read[0] not in ("f", "t", "G"):   # function and type tables, global names: the signature
            self.impure = True

    def read_path(self, terms: tuple, value) -> None:
        self.seen_values.append(("p", terms, fingerprint(value), frozen_identity(value)))

    def read_global(self, name: str, value) -> None:
        self.seen_values.append(("g", name, fingerprint(value), frozen_identity(value)))

    def global_exists(self, name: str, found: bool) -> None:
        pass                                # the names of the globals are in the signature

    def write_target(self, terms, root, kind, extra) -> None:
        self.impure = True

    def reusable(self) -> bool:
        return self.ok and not self.impure and not self.reads and not self.dependencies


def _still_seen(seen_values: tuple, ev) -> bool:
    """Whether every path and variable read last time still has the value then seen."""
    root, glob = ev.root, ev.globals
    for kind, key, seen, frozen in seen_values:
        current = value_at(root, key) if kind == "p" else glob.get(key, MISSING)
        if current is not frozen and fingerprint(current) != seen:
            return False
    return True


class PhaseMemo:
    """Defaults and checks of shared values, per session."""

    def __init__(self):
        self.signatures: dict = {}
        self.shared_values: dict = {}         # a value's JSON -> the shared value
        self.last_bound = ({}, {})            # per stage: bound path -> the shared value it held last
        self.unshared_paths: dict = {}        # bound path -> new values it held, none shared yet
        self.known_copies: dict = {}          # id of a protected value -> (it, the equal shared one)
        self.defaults: dict = {}
        self.checks: dict = {}
        self.stale: dict = {}                 # key -> times its reads no longer held
        self.given_up: set = set()

    def share_bound_values(self, ev, stage: int) -> None:
        """Before phase 2 and again before phase 3: a bound value this object has a copy of
        (built by several templates, or filled with defaults: a fresh container, protected or
        not) that equals one an earlier object had is replaced by that earlier, shared one, so
        its defaults and checks are reused too.  Paths are taken from the root down: below a
        path that now holds a shared value, every bound value is shared already.  A path that
        holds the very object it held in an earlier object (a replayed value, one swapped in
        before) is not looked at again (``stage``: 0 before phase 2, 1 before phase 3, each with
        its own memory of what a path held)."""
        if orjson is None:
            return
        last = self.last_bound[stage]
        unshared = self.unshared_paths
        shared_values = self.shared_values
        known = self.known_copies
        covered = set()                      # paths now holding a shared value
        contains = covered.__contains__
        for terms in sorted({bind[0].terms for bind in ev.binds}, key=len):
            if not terms or unshared.get(terms, 0) >= GIVE_UP_SHARING:
                continue
            if covered and any(map(contains, _proper_prefixes(terms))):
                continue
            value = _get(ev, terms)
            cls = type(value)
            if cls is not PanDict and cls is not PanList and not is_protected(value):
                continue                     # not a container
            if last.get(terms) is value:
                covered.add(terms)
                continue
            seen = known.get(id(value))
            if seen is not None and seen[0] is value:    # met before (a reused default's result)
                ev.put(terms, False, seen[1])
                last[terms] = seen[1]
                covered.add(terms)
                continue
            try:
                text = orjson.dumps(value, default=_refuse)
            except TypeError:
                continue                     # undef or null inside
            if may_hold_bare_null(text):
                continue                     # orjson writes every non-finite double as null
            shared = shared_values.get(text)
            if shared is None:
                _make_room(shared_values)
                shared = shared_values[text] = protect_deep(value)
                if terms not in last:           # never equal to an earlier object's value yet
                    _make_room(unshared)
                    unshared[terms] = unshared.get(terms, 0) + 1
                    continue
            elif shared is not value:
                ev.put(terms, False, shared)
                if frozen_identity(value) is not None:   # it may come back: a reused result
                    _make_room(known)
                    known[id(value)] = (value, shared)
            _make_room(last)
            last[terms] = shared
            covered.add(terms)

    def signature(self, ev) -> int:
        """A small number naming the object's type and function tables and its global names exactly."""
        functions = ev.functions
        key = (tuple(ev.types.items()), tuple(zip(functions, map(_first, functions.values()))),
               tuple(ev.globals))
        found = self.signatures.get(key)
        if found is None:
            found = self.signatures[key] = len(self.signatures)
        return found

    def default_one(self, ev, terms: tuple, full, run) -> None:
        """``run()`` fills the defaults of one bound path; reuse its result when possible."""
        current = _get(ev, terms)
        if not (current is None or current is UNDEF or is_protected(current)):
            run()
            return
        key = (id(full), id(current), ev.phase_signature)
        entry = self._usable(self.defaults, key, full, current, ev)
        if entry is not None:
            for message in entry[2]:
                ev.emit(message)
            if entry[4] is not _NO_CHANGE:
                ev.put(terms, False, entry[4])
            return
        if key in self.given_up:
            run()
            return
        probe = self._run_probed(ev, run)
        if probe.reusable():
            after = _get(ev, terms)
            result = _NO_CHANGE if after is current else protect_deep(after)
            _make_room(self.defaults)
            self.defaults[key] = (full, current, tuple(probe.messages), tuple(probe.seen_values), result)
        else:
            self._give_up(key)

    def check(self, ev, full, value, run) -> None:
        """``run(ev, value)`` checks a value against ``full``; skip it for a shared value that
        passed before."""
        shared = value is not None and (is_protected(value) or not isinstance(value, (PanDict, PanList)))
        if not shared:
            run(ev, value)
            return
        key = (id(full), id(value), ev.phase_signature)
        entry = self._usable(self.checks, key, full, value, ev)
        if entry is not None:
            for message in entry[2]:
                ev.emit(message)
            return
        if key in self.given_up:
            run(ev, value)
            return
        probe = self._run_probed(ev, lambda: run(ev, value))
        if probe.reusable():
            _make_room(self.checks)
            self.checks[key] = (full, value, tuple(probe.messages), tuple(probe.seen_values))
        else:
            self._give_up(key)

    def _usable(self, table: dict, key, full, value, ev):
        """The entry for ``key`` if it is for these very objects and what it read still holds.
        An entry whose reads differ twice is dropped for good: that work reads what changes
        from object to object."""
        entry = table.get(key)
        if entry is None or entry[0] is not full or entry[1] is not value:
            return None
        if _still_seen(entry[3], ev):
            return entry
        stale = self.stale.get(key, 0) + 1
        _make_room(self.stale)
        self.stale[key] = stale
        if stale >= 2:
            del table[key]
            self._give_up(key)
        return None

    def _give_up(self, key) -> None:
        if len(self.given_up) >= MAX_ENTRIES:
            self.given_up.clear()
        self.given_up.add(key)

    @staticmethod
    def _run_probed(ev, run) -> Probe:
        probe = Probe()
        ev.recorders.append(probe)
        try:
            run()
        finally:
            ev.recorders.pop()
        return probe


@lru_cache(maxsize=MAX_ENTRIES)
def _proper_prefixes(terms: tuple) -> tuple:
    return tuple(terms[:i] for i in range(1, len(terms)))


_first = operator.itemgetter(0)


def _make_room(table: dict) -> None:
    if len(table) >= MAX_ENTRIES:
        table.clear()


def _refuse(value):
    raise TypeError


def _get(ev, terms):
    return tree.get_path(ev.root, terms, None) if terms else ev.root

