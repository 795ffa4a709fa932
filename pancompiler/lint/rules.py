"""The lint rules: identifiers, names, severities, and the finding record.

Rules from panlint (quattor/pan ``panc/src/main/scripts/panlint``) keep its
identifiers (``LP001``...) and severities so its users recognise them; each
also gets a short name usable wherever an identifier is.  Rules that need the
parser are ``PS0xx``.  ``select`` resolves the ``--select``/``--ignore`` and
suppression-comment vocabulary: identifiers, names, or identifier prefixes
(``LP``, ``PS0``) and ``all``.
"""

from __future__ import annotations

from dataclasses import dataclass

ADVICE, WARNING, ERROR = 1, 2, 3
SEVERITY_NAMES = {ADVICE: "advice", WARNING: "warning", ERROR: "error"}


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    name: str
    severity: int
    summary: str


RULES: dict[str, Rule] = {r.id: r for r in [
    # ---- panlint's rules (same identifiers, severities and texts)
    Rule("FL001", "first-line", ERROR, "First non-comment line must be the template type and name"),
    Rule("LP001", "indentation", ADVICE, "Indentation should be a multiple of four spaces"),
    Rule("LP002", "tabs", ADVICE, "Spaces should be used instead of tabs"),
    Rule("LP003", "trailing-whitespace", ADVICE, "Trailing whitespace"),
    Rule("LP004", "nlist", WARNING, "Use dicts instead of nlists"),
    Rule("LP005", "include-braces", ADVICE, "Include statements no longer need curly braces"),
    Rule("LP006", "line-length", ADVICE, "Line is longer than 120 characters"),
    Rule("LP007", "comma-space", ADVICE, "Commas should be followed by exactly one space"),
    Rule("LP008", "space-before-semicolon", ADVICE, "Whitespace before semicolon"),
    Rule("LP009", "semicolon-space", ADVICE,
         "Semicolons should be followed exactly one space or end-of-line"),
    Rule("LP010", "global-uppercase", ADVICE, "Global variables should be uppercase"),
    Rule("LP011", "global-length", ADVICE, "Global variables should be five or more characters"),
    Rule("LP012", "redundant-format", WARNING, "Redundant use of format within error or debug call"),
    Rule("LC001", "operator-space", ADVICE, "Whitespace around operators"),
    Rule("PP001", "path-trailing-slash", ADVICE, "Unnecessary trailing slash at end of profile path"),
    Rule("CU001", "component-not-included", WARNING,
         "Component in use, but component config has not been included"),
    # ---- what only a parser can know
    Rule("PS000", "syntax-error", ERROR, "The template does not parse"),
    Rule("PS001", "read-before-assign", WARNING, "Local variable read before it is assigned"),
    Rule("PS002", "unused-variable", WARNING, "Local variable assigned and never read"),
    Rule("PS003", "include-not-found", ERROR, "Included template is on no include path"),
    Rule("PS004", "undefined-type", ERROR, "Type used in a bind or field is never defined"),
    Rule("PS005", "unreachable-code", WARNING, "Code after return() never runs"),
    Rule("PS006", "final-overwritten", ERROR, "A final path is written again later"),
    Rule("PS007", "deprecated", WARNING, "Use of a deprecated type or function"),
]}

_BY_NAME = {r.name: r.id for r in RULES.values()}


@dataclass(slots=True)
class Finding:
    """One problem: where it is (1-based line, columns) and which rule found it."""

    path: str
    line: int
    col: int            # first column
    end_col: int        # last column (inclusive), on ``line``
    rule: str
    message: str

    @property
    def severity(self) -> int:
        return RULES[self.rule].severity


def resolve(words) -> set[str]:
    """Rule identifiers named by ``words`` (identifiers, names, prefixes, ``all``)."""
    chosen: set[str] = set()
    for word in words:
        word = word.strip()
        if not word:
            continue
        if word == "all":
            chosen.update(RULES)
        elif word.upper() in RULES:
            chosen.add(word.upper())
        elif word in _BY_NAME:
            chosen.add(_BY_NAME[word])
        else:
            matched = {rid for rid in RULES if rid.startswith(word.upper())}
            if not matched:
                raise ValueError(f"unknown rule: {word}")
            chosen.update(matched)
    return chosen
