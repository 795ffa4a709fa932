"""Checking a recorded run against an object and applying its effect.

A variant recorded by ``runtime.memo`` is kept with its reads grouped (``grouped_reads``:
templates loaded or not, global names present or not, and types by identity are checked with
set operations in C; the other reads keep their order) and its effect laid out for applying
(``prepared``: puts to one dict grouped, ownership as sets, definitions and dependency records
as pairs).  ``reads_hold`` says whether every read finds what the recorded run saw;
``apply_effect`` makes the object's state what running the unit would have made it.
"""

from __future__ import annotations

import operator

from .dml import MISSING
from .snapshot import fingerprint, path_shape_from, value_at
from .tree import put_children, put_path
from .values import NULL


def grouped_reads(reads: tuple) -> tuple:
    """The reads of a variant with the commonest kinds gathered for checks done in C: templates
    loaded or not, globals present or not, types by identity; the rest in their order."""
    loaded = [r[1] for r in reads if r[0] == "l" and r[2]]
    not_loaded = [r[1] for r in reads if r[0] == "l" and not r[2]]
    present = [r[1] for r in reads if r[0] == "G" and r[2]]
    absent = [r[1] for r in reads if r[0] == "G" and not r[2]]
    type_names = tuple(r[1] for r in reads if r[0] == "t")
    type_objects = tuple(r[2] for r in reads if r[0] == "t")
    rest = tuple(r for r in reads if r[0] not in ("l", "G", "t"))
    return (frozenset(loaded), frozenset(not_loaded), frozenset(present), frozenset(absent),
            type_names, type_objects, rest)


def grouped_hold(grouped: tuple, ev) -> bool:
    loaded, not_loaded, present, absent, type_names, type_objects, _rest = grouped
    return (ev.loaded.issuperset(loaded) and ev.loaded.isdisjoint(not_loaded)
            and ev.globals.keys() >= present and ev.globals.keys().isdisjoint(absent)
            and all(map(operator.is_, map(ev.types.get, type_names), type_objects)))


def reads_hold(reads, ev) -> bool:
    """Whether the reads ``grouped_reads`` left in order all hold."""
    root = ev.root
    glob = ev.globals
    for read in reads:
        kind = read[0]
        if kind == "p":
            current = value_at(root, read[1])
            if current is not read[3] and fingerprint(current) != read[2]:
                return False
        elif kind == "a" or kind == "c":
            terms = read[1]
            if path_shape_from(root, terms, read[2]) != read[3]:
                return False
            extra = read[4]
            if kind == "a":
                if extra is not None:
                    seen, owned, frozen = extra
                    current = value_at(root, terms)
                    if (terms in ev.owned_paths) != owned \
                            or current is not frozen and fingerprint(current) != seen:
                        return False
        elif kind == "g":
            if fingerprint(glob.get(read[1], MISSING)) != read[2]:
                return False
        elif kind == "f":
            fn = ev.functions.get(read[1])
            if (fn[0] if fn is not None else None) is not read[2]:
                return False
        elif kind == "k":
            if (read[1] in ev.constant_paths) != read[2]:
                return False
        elif kind == "o":
            if ev.object_name_unrecorded != read[1]:
                return False
        elif kind == "start":
            depth, including, final, final_globals, loadpath = read[1]
            if len(ev.stack) != depth or tuple(ev.including[1:]) != including \
                    or frozenset(ev.final._paths) != final or frozenset(ev.final_globals) != final_globals \
                    or fingerprint(glob.get("LOADPATH", MISSING)) != loadpath:
                return False
        else:       # pragma: no cover - "l", "G" and "t" are in grouped_hold, the rest above
            return False
    return True


def prepared(effect: tuple) -> tuple:
    """``effect`` laid out for ``apply_effect``: tree puts with the keys of one dict in a row
    grouped (one walk down to the dict), ownership as sets to add and remove, and definitions
    and dependency records as pairs for one ``dict.update`` each."""
    (tree_effects, ownership, globals_effects, final_globals, functions, types, binds, finals,
     loaded, dependencies, messages) = effect
    owned_add = frozenset(terms for terms, owned, _c in ownership if owned)
    owned_drop = frozenset(terms for terms, owned, _c in ownership if not owned)
    constant_add = frozenset(terms for terms, _o, constant in ownership if constant)
    constant_drop = frozenset(terms for terms, _o, constant in ownership if not constant)
    tree_plan = []                  # (parent, ((key, value), ...)), or (None, ((terms, value),))
    for terms, value in tree_effects:
        if len(terms) > 1 and type(terms[-1]) is str and value is not NULL:
            parent = terms[:-1]
            if tree_plan and tree_plan[-1][0] == parent:
                tree_plan[-1][1].append((terms[-1], value))
            else:
                tree_plan.append((parent, [(terms[-1], value)]))
        else:
            tree_plan.append((None, [(terms, value)]))
    tree_plan = tuple((parent, tuple(items)) for parent, items in tree_plan)
    records = tuple((name, record) for name, record, _lookup in dependencies)
    lookups = tuple((name, lookup) for name, _record, lookup in dependencies)
    return (tree_effects, tree_plan, owned_add, owned_drop, constant_add, constant_drop,
            globals_effects, final_globals, functions, types, binds, finals, frozenset(loaded),
            records, lookups, dependencies, messages)


def apply_effect(plan: tuple, ev) -> None:
    """Make the object's state what running the unit would have made it (``plan``: what
    ``prepared`` made of the recorded effect)."""
    (tree_effects, tree_plan, owned_add, owned_drop, constant_add, constant_drop, globals_effects,
     final_globals, functions, types, binds, finals, loaded, records, lookups, dependencies,
     messages) = plan
    if ev.recorders:
        for terms, value in tree_effects:
            ev.put(terms, False, value)
    elif tree_plan:
        root = ev._root_for(False)
        for parent, items in tree_plan:
            if parent is None:
                put_path(root, items[0][0], items[0][1])
            else:
                put_children(root, parent, items)
    if owned_add:
        ev.owned_paths |= owned_add
    if owned_drop:
        ev.owned_paths -= owned_drop
    if constant_add:
        ev.constant_paths |= constant_add
    if constant_drop:
        ev.constant_paths -= constant_drop
    for name, value, owned in globals_effects:
        if value is MISSING:
            ev.globals.pop(name, None)
        else:
            ev.globals[name] = value
        (ev.owned_globals.add if owned else ev.owned_globals.discard)(name)
    if final_globals:
        ev.final_globals.update(final_globals)
    if functions:
        ev.functions.update(functions)
    if types:
        ev.types.update(types)
    if binds:
        ev.binds.extend(binds)
    for terms in finals:
        ev.final.add(terms)
    ev.loaded |= loaded
    ev.dependencies.update(records)
    if ev.recorders:                    # each entry noted by the recorders (context._Lookups)
        lookup_table = ev.lookups
        for name, lookup in lookups:
            lookup_table[name] = lookup
    else:
        dict.update(ev.lookups, lookups)
    for message in messages:
        ev.emit(message)
