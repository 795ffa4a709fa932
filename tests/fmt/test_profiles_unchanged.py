"""Formatting never changes a compiled profile.

A property test builds random object templates from a small grammar (blocks,
if/else, calls, strings holding brackets and ``#``, comments, annotations,
heredocs), lays their tokens out with random whitespace and line breaks,
compiles them before and after ``format_text`` and requires byte-identical
JSON profiles (or the same error, for the templates pan rejects), and formatting twice to equal formatting once.  The example
site test does the same for the repository's own library: every template of
``templates/``, ``sites/`` and ``clusters/`` has its indentation scrambled and
is then formatted, and the site built from the result must give exactly the
profiles of the unformatted site.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pancompiler.driver.compile import profile_of
from pancompiler.driver.session import Options, Session
from pancompiler.fmt.indent import format_text
from pancompiler.output import FORMATS
from pancompiler.syntax.lossless import scan

SEPARATORS = [" ", " ", " ", "\n", "\n  ", "\n\t\t", "   ", "\n      ", " # note {(\n", "\n@{ doc } "]
STRINGS = ["'a'", "'{ ( b'", "\"x\\ty\"", "'#no comment'", "\"}\"", "''", "\"two \\\n  lines {\""]


def expressions(depth: int):
    leaf = st.one_of(st.integers(-50, 50).map(lambda n: [str(n)] if n >= 0 else ["(", str(n), ")"]),
                     st.sampled_from(STRINGS).map(lambda s: [s]),
                     st.sampled_from([["true"], ["false"], ["length", "(", "'abc'", ")"]]))
    if depth == 0:
        return leaf
    sub = expressions(depth - 1)
    block = st.lists(sub, min_size=1, max_size=3).map(
        lambda items: ["{"] + [t for e in items for t in ["x", "=", "(", *e, ")", ";"]] + ["x", ";", "}"])
    cond = st.tuples(sub, sub).map(
        lambda ab: ["if", "(", "is_defined", "(", *ab[0], ")", ")", "{", *ab[0], ";", "}",
                    "else", "{", *ab[1], ";", "}"])
    call = st.lists(sub, min_size=1, max_size=3).map(
        lambda items: ["list", "("] + [t for i, e in enumerate(items) for t in ([","] if i else []) + e] + [")"])
    pair = sub.map(lambda e: ["dict", "(", "'k'", ",", *e, ")"])
    return st.one_of(leaf, block, cond, call, pair)


STATEMENTS = st.one_of(
    expressions(3).map(lambda e: ("assign", e)),
    st.tuples(st.sampled_from(["  body {\n", "\t(  \n", "x }}\n   \n"]), st.booleans()).map(
        lambda hb: ("heredoc", hb)),
)


@st.composite
def templates(draw):
    statements = draw(st.lists(STATEMENTS, min_size=1, max_size=5))
    parts = ["object template t;\n"]
    for i, (kind, payload) in enumerate(statements):
        if kind == "heredoc":
            body, indented = payload
            parts.append(("   " if indented else "") + f"'/h{i}' = <<EOT;\n{body}EOT\n")
            continue
        tokens = [f"'/p{i}'", "=", *payload, ";"]
        for tok in tokens:
            parts.append(tok)
            parts.append(draw(st.sampled_from(SEPARATORS)))
        parts.append("\n")
    return "".join(parts)


def compile_json(text: str) -> tuple[str, object]:
    """The JSON profile, or the error (kind and message: positions move when lines are re-indented)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "t.pan")
        with open(path, "w", newline="") as fh:
            fh.write(text)
        session = Session(Options(include_path=[tmp]))
        result = session.compile_object(path)
        session.finish(result)
        if result.error is not None:
            return (result.error.heading, result.error.message)
        return ("profile", FORMATS["json"].render(profile_of(result)))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(templates())
def test_formatting_keeps_profiles_and_is_idempotent(text):
    formatted = format_text(text)
    assert format_text(formatted) == formatted
    assert compile_json(formatted) == compile_json(text)


def scramble(text: str, rng: random.Random) -> str:
    """Change the whitespace that starts each code line, nothing else.

    Lines holding annotations keep theirs: the formatter keeps those lines as
    they are, as Pan-Indenter does.
    """
    lines: list[list] = [[]]
    for tok in scan(text):
        lines[-1].append(tok)
        if tok.kind == "nl" or "\n" in tok.text:
            lines.append([])
    out = []
    for toks in lines:
        first = toks[0] if toks else None
        keep = first is None or first.kind in ("nl", "heredoc_body") or any(
            t.kind in ("annotation", "heredoc_body") or ("\n" in t.text and t is not toks[-1]) for t in toks)
        starts_inside = out and not out[-1].endswith(("\n", "\r"))
        if keep or starts_inside:
            out.extend(t.text for t in toks)
            continue
        rest = toks[1:] if first.kind == "ws" else toks
        out.append(rng.choice(["", " ", "\t", "     ", "  \t "]))
        out.extend(t.text for t in rest)
    return "".join(out)


def build_site(root: Path) -> dict[str, bytes]:
    run = subprocess.run([sys.executable, "-m", "pancompiler.cli", "--site", str(root), "--no-progress"],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    return {p.name: p.read_bytes() for p in sorted((root / "build" / "profiles").glob("*.json"))
            if p.name != "profiles.json"}       # the index holds modification times


def test_example_site_profiles_survive_scrambling_and_formatting(tmp_path, example_site_copy):
    rng = random.Random(11)
    roots = {}
    for name in ("plain", "formatted"):
        roots[name] = example_site_copy(tmp_path / name)
    changed = 0
    for path in sorted(roots["formatted"].rglob("*.pan")):
        original = path.read_text()
        scrambled = scramble(original, rng)
        formatted = format_text(scrambled)
        assert formatted == format_text(original), path
        changed += formatted != original
        path.write_text(formatted)
    assert changed > 0
    plain = build_site(roots["plain"])
    formatted = build_site(roots["formatted"])
    assert len(plain) > 10
    assert {k: v.replace(b"/formatted/", b"/plain/") for k, v in formatted.items()} == plain
