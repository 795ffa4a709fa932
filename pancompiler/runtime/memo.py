"""Replaying the effect of a unique or declaration template instead of running it again.

The objects of a site include the same library: on template-library-core, 573 of the 579
unique/declaration templates a node runs see exactly what they saw in the node before and do
exactly the same (87% of a node's statement time).  Such a template runs in segments of
``SEGMENT`` statements.  A ``Recorder`` follows one run of a segment and notes, in order, every
piece of object state it read that it had not written itself (tree paths with the shape of the
path, globals, functions and types it used, templates already loaded, final flags, OBJECT, the
include chain), with a fingerprint of what it saw; and, at its end, the net effect: final values
of the tree paths and globals it wrote, definitions, binds, final flags, templates marked loaded,
dependency records and the messages it printed.  ``UnitMemo`` keeps these per segment for the
session (a worker process); when a later object runs the segment, every noted read is checked
against the object's state and, when all agree, the effect is applied instead of the statements.
A template that reads a host name in one place still replays its other segments.  Anything the
recorder cannot follow exactly (a read of another object, a path whose parts the segment wrote
before reading it whole, deleting a list element, a negative index, replacing the root, building
another object, traceback(), an error) leaves the run unrecorded, so the segment simply runs as
before; a node absent before the segment that it writes below is its own, however the segment
reads or extends it.  A segment that is not recorded, or finds no matching run, twice (four times
in a row if it replayed before) is no longer recorded.  Values put by a replay are the recorded
deep copies, marked shared (copy-on-write), so no object can change another's.
``PANC_NO_MEMO=1`` turns replaying off.  Checking reads and applying effects are in
``runtime.replay``; the forms values and paths are compared in, in ``runtime.snapshot``.
"""

from __future__ import annotations

from . import replay
from .dml import MISSING
from .snapshot import MISSING_SHAPE, fingerprint, frozen_identity, path_shape_from, step, value_at
from .values import NULL, PanDict, PanList, deep_copy, protect_deep

#: Variants kept per template: an object kind that differs in what a template reads adds one.
MAX_VARIANTS = 4
#: Statements per recorded segment of a template: a template that reads what differs between
#: objects (a host name) in one place still replays its other segments whole.
SEGMENT = 16
#: Runs without a matching variant after which a never-replayed template is no longer recorded.
GIVE_UP_AFTER = 2
#: The same for a template replayed before: misses in a row since its last replay.
GIVE_UP_AFTER_HITS = 4


class Recorder:
    """What one run of a unit read from outside itself and what it changed."""

    __slots__ = ("name", "reads", "written", "written_order", "prefixes", "globals_written",
                 "defined_functions", "defined_names", "defined_types", "defined_type_names", "loaded",
                 "loaded_set", "dependencies", "messages", "binds_start", "final_start",
                 "final_globals_start", "ok", "seen", "created")

    def __init__(self, name, ev):
        self.name = name
        self._start_empty()
        self.binds_start = len(ev.binds)
        self.final_start = frozenset(ev.final._paths)
        self.final_globals_start = frozenset(ev.final_globals)
        self.reads.append(("start", (len(ev.stack), tuple(ev.including[1:]), self.final_start,
                                     self.final_globals_start,
                                     fingerprint(ev.globals.get("LOADPATH", MISSING)))))

    def _start_empty(self) -> None:
        self.reads: list = []
        self.written: set = set()           # tree paths written (absolute terms)
        self.written_order: list = []       # the same, in first-write order
        self.prefixes: set = set()          # every proper prefix of a written path
        self.globals_written: dict = {}     # name -> None, in first-write order
        self.defined_functions: list = []
        self.defined_names: set = set()
        self.defined_types: list = []
        self.defined_type_names: set = set()
        self.loaded: list = []
        self.loaded_set: set = set()
        self.dependencies: list = []        # (name, dependency record, lookup)
        self.messages: list = []
        self.ok = True
        self.seen: set = set()              # (kind, key) of reads noted: the first one decides
        self.created: set = set()           # paths absent before the unit that it wrote below

    # -- reads
    def note(self, read: tuple) -> None:
        """Note a read, unless the same thing was read before (it cannot have changed since:
        a change by the unit would have made it internal)."""
        key = (read[0], read[1])
        if key not in self.seen:
            self.seen.add(key)
            self.reads.append(read)

    def internal(self, terms: tuple) -> bool:
        """Whether the unit made what is at ``terms``: it wrote the path or a node above it, or
        the path lies below a node that did not exist before the unit wrote below it (a list
        the unit builds element by element is all its own)."""
        written = self.written
        if not written:
            return False
        created = self.created
        for i in range(len(terms), -1, -1):
            prefix = terms[:i]
            if prefix in written or prefix in created:
                return True
        return False

    def read_path(self, terms: tuple, value) -> None:
        if self.internal(terms):
            return
        if terms in self.prefixes:
            self.ok = False             # part written by the unit, part not
            return
        self.note(("p", terms, fingerprint(value), frozen_identity(value)))

    def write_target(self, terms: tuple, root, kind: str, extra) -> None:
        """An assignment to ``terms`` is about to run: note what it depends on outside the unit.

        The nodes along the path that the unit already wrote below are the unit's own doing;
        from the first one it has not touched (index ``start``), the path's shape is what it was
        before the unit.  A write into a list makes the whole list the unit's (its content read
        first), since padding and deletion move the other elements.
        """
        if self.internal(terms):
            return
        if terms in self.prefixes:
            self.ok = False
            return
        node = root
        for i, term in enumerate(terms):
            if isinstance(node, PanList):
                whole = terms[:i]
                if not self.internal(whole):
                    if whole in self.prefixes:
                        self.ok = False
                        return
                    self.reads.append(("p", whole, fingerprint(node), frozen_identity(node)))
                    self.wrote(whole)
                return
            node = step(node, term)
            if node is MISSING:
                break
        prefixes = self.prefixes
        start = 0
        while start < len(terms) and terms[:start + 1] in prefixes:
            start += 1
        shape = path_shape_from(root, terms, start)
        # The first node of the path that is absent (the shape stops there), unless it is the
        # leaf, is created by this write: everything below it will be the unit's own.
        missing_at = start if shape == MISSING_SHAPE else start + len(shape)
        if missing_at + 1 < len(terms):
            self.created.add(terms[:missing_at + 1])
        self.reads.append((kind, terms, start, shape, extra))

    def wrote(self, terms: tuple) -> None:
        if terms not in self.written:
            self.written.add(terms)
            self.written_order.append(terms)
            for i in range(len(terms)):
                self.prefixes.add(terms[:i])

    def global_exists(self, name: str, found: bool) -> None:
        if name not in self.globals_written:
            self.note(("G", name, found))

    def read_global(self, name: str, value) -> None:
        if name not in self.globals_written:
            key = ("g", name)
            if key not in self.seen:
                self.seen.add(key)
                self.reads.append(("g", name, fingerprint(value)))


def absorb(rec: Recorder, reads: tuple, effect: tuple) -> None:
    """A unit replayed inside ``rec``'s run: note its reads and writes as ``rec``'s own."""
    for read in reads:
        kind = read[0]
        if kind == "p" or kind == "a" or kind == "c" or kind == "k":
            terms = read[1]
            if rec.internal(terms):
                continue
            if kind != "k" and terms in rec.prefixes:
                rec.ok = False
                return
        elif kind == "g" or kind == "G":
            if read[1] in rec.globals_written:
                continue
        elif kind == "l":
            if read[1] in rec.loaded_set:
                continue
        elif kind == "f":
            if read[1] in rec.defined_names:
                continue
        elif kind == "t":
            if read[1] in rec.defined_type_names:
                continue
        elif kind == "start":
            continue        # follows from rec's own start and what rec did before
        rec.note(read)
    (_tree, ownership, globals_effects, _final_globals, functions, types, _binds, _finals,
     loaded, dependencies, messages) = effect
    for entry in ownership:
        rec.wrote(entry[0])
    for entry in globals_effects:
        rec.globals_written[entry[0]] = None
    for fname, body in functions:
        rec.defined_functions.append((fname, body))
        rec.defined_names.add(fname)
    for tname, full in types:
        rec.defined_types.append((tname, full))
        rec.defined_type_names.add(tname)
    for loaded_name in loaded:
        rec.loaded.append(loaded_name)
        rec.loaded_set.add(loaded_name)
    rec.dependencies.extend(dependencies)
    rec.messages.extend(messages)


def note_type_reads(ev, full) -> None:
    """A type or bind statement depends on the types it names, and on those they name."""
    seen: set = set()
    types = ev.types
    for name in full.refs:                   # these must exist
        seen.add(name)
        _note_type(ev, name, types.get(name))
    pending = list(full.record_includes)     # these must be records: is_record follows aliases
    while pending:
        name = pending.pop()
        found = types.get(name)
        if name not in seen:
            seen.add(name)
            _note_type(ev, name, found)
        if found is not None:
            pending.extend(ref for ref in getattr(found, "refs", ()) if ref not in seen)


def _note_type(ev, name: str, found) -> None:
    for rec in ev.recorders:
        if name not in rec.defined_type_names:
            rec.note(("t", name, found))


def effect_of(rec: Recorder, ev) -> tuple | None:
    """The net effect of a finished, recordable run (values deep-copied), or None."""
    if not rec.ok:
        return None
    written = rec.written
    created = rec.created
    tree_effects = []
    chosen: set = set()
    root = ev.root
    for terms in rec.written_order:
        if created:
            # A node the unit created holds only what the unit put there: one put of it
            # replaces the puts of everything below it.
            for i in range(1, len(terms)):
                if terms[:i] in created:
                    terms = terms[:i]
                    break
        if terms in chosen or any(terms[:i] in written or terms[:i] in chosen for i in range(len(terms))):
            continue                    # covered by an ancestor's final value
        chosen.add(terms)
        value = value_at(root, terms)
        if value is MISSING:
            if terms and type(terms[-1]) is int:
                return None             # a deleted list element shifts the others
            value = NULL
        else:
            value = _frozen(value)
        tree_effects.append((terms, value))
    ownership = [(terms, terms in ev.owned_paths, terms in ev.constant_paths) for terms in rec.written_order]
    globals_effects = []
    for name in rec.globals_written:
        value = ev.globals.get(name, MISSING)
        globals_effects.append((name, value if value is MISSING else _frozen(value), name in ev.owned_globals))
    return (
        tuple(tree_effects),
        tuple(ownership),
        tuple(globals_effects),
        tuple(frozenset(ev.final_globals) - rec.final_globals_start),
        tuple(rec.defined_functions),
        tuple(rec.defined_types),
        tuple(ev.binds[rec.binds_start:]),
        tuple(frozenset(ev.final._paths) - rec.final_start),
        tuple(rec.loaded),
        tuple(rec.dependencies),
        tuple(rec.messages),
    )

def _frozen(value):
    if isinstance(value, (PanDict, PanList)):
        return protect_deep(deep_copy(value))
    return value



class UnitMemo:
    """Recorded runs per template name, for one session."""

    def __init__(self):
        self.variants: dict[str, list] = {}
        self.missed: dict[str, int] = {}     # template -> runs without a variant since the last hit
        self.hit: set = set()                # templates replayed at least once
        self.hits = 0
        self.misses = 0

    def worth_recording(self, name) -> bool:
        """False for a template that found no variant (or could not be recorded) twice and was
        never replayed, or ``GIVE_UP_AFTER_HITS`` times in a row since it last was: it reads what
        differs from object to object (a host name...), and recording it costs time for nothing."""
        return self.missed.get(name, 0) < (GIVE_UP_AFTER_HITS if name in self.hit else GIVE_UP_AFTER)

    def unrecorded(self, name) -> None:
        """A run of ``name`` that could not be recorded counts as one without a matching variant."""
        self.missed[name] = self.missed.get(name, 0) + 1

    def store(self, name, reads: list, effect: tuple) -> None:
        variants = self.variants.setdefault(name, [])
        if len(variants) < MAX_VARIANTS:
            reads = tuple(reads)
            variants.append((reads, effect, replay.grouped_reads(reads), replay.prepared(effect)))

    def find(self, name, ev):
        """(reads, effect, prepared effect) of a recorded run whose reads all hold now, or None."""
        variants = self.variants.get(name)
        if not variants:
            return None
        for reads, effect, grouped, prepared in variants:
            if replay.grouped_hold(grouped, ev) and replay.reads_hold(grouped[-1], ev):
                self.hits += 1
                self.hit.add(name)
                self.missed[name] = 0
                return reads, effect, prepared
        self.misses += 1
        self.missed[name] = self.missed.get(name, 0) + 1
        return None
