"""Property test: no input may crash the compiler with a Python exception.

Random token soups and mutations of the golden cases are compiled in-process;
every failure must be one of pan's error kinds (syntax, evaluation,
validation) and carry a location (a span, or at least a file).  Bounded so
the suite stays quick: a few hundred examples, no deadline per example.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pancompiler.driver.compile import profile_of
from pancompiler.driver.session import Options, Session
from pancompiler.errors import EvaluationError, PanError, PanSyntaxError, ValidationError
from pancompiler.output import FORMATS

CASES = sorted((Path(__file__).parent / "lang" / "cases").glob("*.pan"))
SEEDS = [p.read_text() for p in CASES]

TOKENS = [
    "object", "template", "t", ";", "'/a'", "'/b/0'", "'a'", "=", "?=", "final", "variable", "X",
    "function", "f", "type", "tt", "bind", "valid", "include", "prefix", "'/p'", "{", "}", "(", ")",
    "[", "]", ",", "+", "-", "*", "/", "%", "==", "!=", "<", ">=", "&&", "||", "!", "~", "&", "|",
    "^", "1", "0", "0x1F", "07", "2.5", "1e3", "true", "false", "undef", "null", "SELF", "ARGV",
    "ARGC", "OBJECT", "if", "else", "while", "for", "foreach", "k", "v", "x", "list", "dict",
    "append", "merge", "length", "value", "exists", "error", "return", "format", "'%d'",
    "to_string", "string", "long", "boolean", "element", "extensible", "choice", "with", "..",
    "'s'", '"q\\n"', "<<EOF\nbody\nEOF\n", "@{doc}", "# c\n", "\n", ":", "?", "create", "nlist",
    "is_defined", "splice", "substr", "match", "'^a'", "first", "next", "delete", "clone",
]


def compile_text(text: str) -> None:
    """Compile ``text`` as object template ``t``; pan errors are fine."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "t.pan")
        Path(path).write_text(text)
        session = Session(Options(include_path=[tmp], max_iteration=200, max_recursion=20))
        result = session.compile_object(path)
        session.finish(result)
        if result.error is None:
            profile = profile_of(result)
            for key in ("pan", "json", "text", "dot", "dep"):
                FORMATS[key].render(profile)
            return
        check_error(result.error)


def check_error(exc: PanError) -> None:
    assert isinstance(exc, (PanSyntaxError, EvaluationError, ValidationError)), repr(exc)
    assert exc.span is not None or exc.file, f"error without location: {exc.render()}"
    exc.render()        # rendering must not fail either


def run_guarded(text: str) -> None:
    try:
        compile_text(text)
    except PanError as exc:         # raised outside an object (e.g. bad template file)
        check_error(exc)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=40))
def test_random_token_soup(tokens):
    run_guarded("object template t;\n" + " ".join(tokens))


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SEEDS), st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 3),
                                                  st.sampled_from(TOKENS)), max_size=6))
def test_mutated_cases(seed, edits):
    text = seed
    for pos, op, token in edits:
        i = pos % (len(text) + 1)
        if op == 0:
            text = text[:i] + text[i + 1:]                    # delete a character
        elif op == 1:
            text = text[:i] + token + text[i:]                # insert a token
        elif op == 2:
            text = text[:i] + " " + token + " " + text[i + 4:]  # replace a few characters
        else:
            text = text[:i] + text[i:][::-1][:20] + text[i + 20:]  # scramble a slice
    # Keep the object name stable so the file is found on the include path.
    lines = text.splitlines()
    lines = [ln for ln in lines if not ln.lstrip().startswith("object template")]
    run_guarded("object template t;\n" + "\n".join(lines))


def test_statement_kinds_of_every_template_kind():
    for kind in ("", "unique ", "declaration ", "structure "):
        run_guarded(f"{kind}template t;\n'/a' = 1;\nvariable X = 1;\n")
