"""Ant directory globs, as ``cluster.pan.includes`` uses them.

A pattern is relative to a base folder (the SCDB's ``cfg/``): ``*`` matches
any part of one folder name, ``?`` one character, ``**`` any number of
folders (none included), a trailing ``/`` means ``/**``; there are no
character classes.  As in ant, matching is case-sensitive, folders reached
through symbolic links count, and version-control folders (``.git``,
``.svn``, ``CVS``...) never match.  A pattern that is absolute or has a
``..`` segment would leave the base folder: it matches nothing.  Several
matches of one pattern are returned in name order (ant gives them in the
order the file system lists them).
"""

from __future__ import annotations

import os
import re

DEFAULT_EXCLUDES = frozenset({"CVS", "SCCS", ".svn", ".git", ".hg", ".bzr"})


def split_patterns(spec: str) -> list[str]:
    """A ``cluster.pan.includes`` value: patterns separated by blanks or commas."""
    return [p for p in re.split(r"[\s,]+", spec) if p]


def escapes_base(pattern: str) -> bool:
    pattern = pattern.replace("\\", "/")
    return pattern.startswith("/") or ".." in pattern.split("/")


def _segment_regex(segment: str) -> re.Pattern:
    parts = []
    for ch in segment:
        parts.append("[^/]*" if ch == "*" else "[^/]" if ch == "?" else re.escape(ch))
    return re.compile("".join(parts))


def _subdirs(folder: str) -> list[str]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return []
    return [e.name for e in entries if e.name not in DEFAULT_EXCLUDES and e.is_dir()]


def match_dirs(base: str, pattern: str) -> list[str]:
    """Absolute paths of the folders below ``base`` that ``pattern`` matches."""
    pattern = pattern.replace("\\", "/")
    if escapes_base(pattern):
        return []
    if pattern.endswith("/"):
        pattern += "**"
    segments = [s for s in pattern.split("/") if s]
    found: list[str] = []
    _walk(os.path.abspath(base), segments, found, set())
    return sorted(dict.fromkeys(found))


def _walk(folder: str, segments: list[str], found: list[str], seen: set) -> None:
    if not segments:
        found.append(folder)
        return
    head, rest = segments[0], segments[1:]
    if head == "**":
        real = os.path.realpath(folder)
        if (real, len(rest)) in seen:           # a link loop
            return
        seen.add((real, len(rest)))
        _walk(folder, rest, found, seen)        # ** matching no folder
        for name in _subdirs(folder):
            _walk(os.path.join(folder, name), segments, found, seen)
        return
    regex = _segment_regex(head)
    for name in _subdirs(folder):
        if regex.fullmatch(name):
            _walk(os.path.join(folder, name), rest, found, seen)
