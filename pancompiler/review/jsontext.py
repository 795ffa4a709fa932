"""Diffing two JSON profiles on their text, parsing only what differs.

Parsing is most of the cost of diffing big builds, and most of a changed
profile is unchanged.  panc writes JSON profiles in one layout: keys sorted,
two spaces of indent per level, one member per line, and strings never hold
a raw newline.  So the members of a dict at depth ``d`` are the text between
``,\\n`` + ``2(d+1)`` spaces + ``"`` separators, and equal member texts are
equal values.  ``diff_json_text`` splits both texts this way level by level,
descends only into members whose text differs, and parses (numbers kept as
bytes, see ``values``) only the values that differ and are not dicts.  When
a text does not have that layout (another writer, compact JSON) it parses
that part whole and compares trees, so the result never depends on the
layout, only the speed does.
"""

from __future__ import annotations

import json
from json.decoder import scanstring

from .compare import ADDED, REMOVED, Change, walk
from .values import number, path_term, same


def parse(text: str):
    return json.loads(text, parse_int=number, parse_float=number)


def diff_json_text(a: str, b: str, ignored) -> list[Change]:
    out: list[Change] = []
    _walk_text(a, b, "", 0, out, ignored)
    return out


def _walk_text(a: str, b: str, path: str, depth: int, out: list, ignored) -> None:
    if a == b or ignored(path or "/"):
        return
    ma = _members(a, depth) if a.startswith("{") else None
    mb = _members(b, depth) if ma is not None and b.startswith("{") else None
    if ma is None or mb is None:
        va, vb = parse(a), parse(b)
        if not same(va, vb):
            walk(va, vb, path, out, ignored)
        return
    for key in sorted(ma.keys() | mb.keys()):
        sub = f"{path}/{path_term(key)}"
        if key not in mb:
            if not ignored(sub):
                out.append(Change(REMOVED, sub, old=parse(ma[key])))
        elif key not in ma:
            if not ignored(sub):
                out.append(Change(ADDED, sub, new=parse(mb[key])))
        elif ma[key] != mb[key]:
            _walk_text(ma[key], mb[key], sub, depth + 1, out, ignored)


def _members(text: str, depth: int) -> dict[str, str] | None:
    """Key -> value text of a dict written at ``depth``, or None if not in panc's layout."""
    if text == "{}":
        return {}
    indent = " " * (2 * depth + 2)
    closing = "\n" + " " * (2 * depth) + "}"
    head = "{\n" + indent + '"'
    if not text.startswith(head) or not text.endswith(closing):
        return None
    body = text[len(head): len(text) - len(closing)]
    members: dict[str, str] = {}
    for part in body.split(',\n' + indent + '"'):
        try:
            key, end = scanstring(part, 0)
        except ValueError:
            return None
        if part[end: end + 2] != ": " or key in members:
            return None
        members[key] = part[end + 2:]
    return members
