"""Comments that silence findings.

Two forms, both listing rule identifiers or names separated by commas:

* panlint's own: a comment line ``# panlint disable=LP001,LP003`` silences
  those rules on the next line of code;
* a trailing comment on the line itself: ``'/a' = 1;  # panlint: disable=LP006``.
"""

from __future__ import annotations

import re

from .rules import Finding, resolve
from .style import Line

_LINE_MAGIC = re.compile(r"^\s*#\s*panlint:?\s+disable=(?P<rules>[\w,\-]+)\s*$")
_TRAILING = re.compile(r"panlint:?\s+disable=(?P<rules>[\w,\-]+)")


def silenced_lines(lines: list[Line]) -> dict[int, set[str]]:
    """Line number -> rule identifiers silenced on that line."""
    silenced: dict[int, set[str]] = {}
    pending: set[str] = set()
    for line in lines:
        magic = _LINE_MAGIC.match(line.text)
        if magic:
            pending |= _rules(magic.group("rules"))
            continue
        for tok in line.toks:
            if tok.kind == "comment":
                m = _TRAILING.search(tok.text)
                if m:
                    silenced.setdefault(line.number, set()).update(_rules(m.group("rules")))
        if not line.skipped or line.code():
            if pending:
                silenced.setdefault(line.number, set()).update(pending)
                pending = set()
    return silenced


def _rules(text: str) -> set[str]:
    try:
        return resolve(text.split(","))
    except ValueError:
        return set()


def apply(findings: list[Finding], silenced: dict[int, set[str]]) -> list[Finding]:
    return [f for f in findings if f.rule not in silenced.get(f.line, ())]
