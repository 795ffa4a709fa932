"""How findings are printed: text for people, GitHub Actions annotations for CI.

Text: ``path:line:col: RULE severity: message`` then the source line and a
caret line under the columns concerned (tabs shown as spaces), as panlint
shows its problems.  ``github``: one ``::error``/``::warning``/``::notice``
workflow command per finding, which GitHub shows on the pull request's diff.
"""

from __future__ import annotations

from .rules import ADVICE, ERROR, RULES, SEVERITY_NAMES, Finding

_GITHUB_LEVEL = {ERROR: "error", 2: "warning", ADVICE: "notice"}


def text_report(findings: list[Finding], sources: dict[str, list[str]]) -> str:
    out = []
    for f in findings:
        rule = RULES[f.rule]
        out.append(f"{f.path}:{f.line}:{f.col}: {f.rule} {SEVERITY_NAMES[rule.severity]}: {f.message}"
                   f" [{rule.name}]")
        lines = sources.get(f.path) or []
        if 1 <= f.line <= len(lines):
            shown = lines[f.line - 1].replace("\t", " ")
            if shown.strip():
                out.append("    " + shown)
                out.append("    " + " " * (f.col - 1) + "^" * max(1, f.end_col - f.col + 1))
    return "\n".join(out) + ("\n" if out else "")


def _escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def github_report(findings: list[Finding]) -> str:
    out = []
    for f in findings:
        rule = RULES[f.rule]
        level = _GITHUB_LEVEL[rule.severity]
        props = (f"file={_escape(f.path, prop=True)},line={f.line},col={f.col},endColumn={f.end_col},"
                 f"title={_escape(f'{f.rule} {rule.name}', prop=True)}")
        out.append(f"::{level} {props}::{_escape(f.message)}")
    return "\n".join(out) + ("\n" if out else "")


def summary(findings: list[Finding], files: int) -> str:
    counts = {name: 0 for name in SEVERITY_NAMES.values()}
    for f in findings:
        counts[SEVERITY_NAMES[f.severity]] += 1
    parts = ", ".join(f"{n} {name}" for name, n in counts.items() if n)
    return f"{len(findings)} findings in {files} templates" + (f" ({parts})" if parts else "")
