"""The recursive-descent fast path builds exactly the tree the LALR parser builds.

Every template of the repository, and snippets of the grammar's corners, are
parsed both ways and compared node by node, spans included.  Invalid text
must make the fast path give up (so the LALR parser reports panc's error).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pancompiler.errors import PanSyntaxError
from pancompiler.source import SourceFile
from pancompiler.syntax.lexer import Token
from pancompiler.syntax.parser import _parse_fast, parse_lalr, parse_text

REPO = Path(__file__).resolve().parents[2]


def differences(a, b, where="template"):
    """The first difference between two ASTs, or None."""
    if type(a) is not type(b):
        return f"{where}: {type(a).__name__} != {type(b).__name__}"
    if isinstance(a, (list, tuple)):
        if len(a) != len(b):
            return f"{where}: {len(a)} items != {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            found = differences(x, y, f"{where}[{i}]")
            if found:
                return found
        return None
    if isinstance(a, SourceFile):
        return None if a.path == b.path else f"{where}: other file"
    slots = [s for cls in type(a).__mro__ for s in getattr(cls, "__slots__", ())]
    if slots and not isinstance(a, (str, Token)):
        for name in slots:
            found = differences(getattr(a, name, None), getattr(b, name, None), f"{where}.{name}")
            if found:
                return found
        return None
    if isinstance(a, float) and a != a:
        return None if b != b else f"{where}: NaN != {b!r}"
    return None if a == b else f"{where}: {a!r} != {b!r}"


def both(text: str):
    source = SourceFile("/t/snippet.pan", text)
    return _parse_fast(text, source), parse_lalr(text, source)


def repository_templates():
    for folder in ("templates", "sites", "tests", "clusters"):
        for path in sorted((REPO / folder).rglob("*.pan")):
            yield path


def test_repository_templates_parse_identically():
    compared = 0
    for path in repository_templates():
        text = path.read_text(encoding="utf-8", errors="replace")
        source = SourceFile(str(path), text)
        try:
            slow = parse_lalr(text, source)
        except PanSyntaxError:
            assert _parse_fast(text, source) is None, f"fast path accepted invalid {path}"
            continue
        fast = _parse_fast(text, source)
        if fast is None:        # allowed (deep nesting): the slow path then parses it
            continue
        assert differences(fast, slow) is None, (path, differences(fast, slow))
        compared += 1
    assert compared > 100


SNIPPETS = [
    "object template a;\n'/x' = if (true) 1 else if (false) 2 else 3;\n",
    "template a;\n'/x' = { a = 1; b = a + 2 * 3 - -4 % 5; if (a > b) a else b; };\n",
    "template a;\n'/x' = f(,); '/y' = f(1,); '/z' = g(1, 2, {3; 4},);\n",
    "declaration template a;\ntype t = extensible { 'a' ? long(-5..5) = 3 'b' : string[1..] {}* include u }(1..2) "
    "with SELF['a'] > 0;\ntype c = choice('a', \"b\");\ntype r = long(..10)[];\ntype s = long(3)[2]{-1..};\n",
    "unique template a;\nfinal '/x' ?= <<EOF;\nline one\nEOF\nfinal variable V ?= x[1]['a'] = 0x1F | 017 ^ 3 & ~1;\n",
    "template a;\nprefix '/p';\n'x' = while (i < 3) { i = i + 1 }; 'y' = for (i = 0; i <= 2; i = i + 1) i;\n"
    "'z' = foreach (k; v; SELF) { !v || k != 'a' && v == 1.5e3 };\nbind '/p' = t; valid '/p' = true;\n"
    "function f = ARGV[0]; include 'b'; ;\n",
    "template a;\n'/x' = 1 + 2 * 3 - 4 / 5 % 6 == 7 && 8 < 9 || a | b ^ c & d != e >= f - -g * ~h;\n"
    "'/y' = a || b && c || d; '/z' = a == b == c; '/w' = a * b + c * d;\n",
    # the one-token statements of the lexer (lexer._STATEMENT) and their neighbours
    "template a;\n'/a' = 'it''s'; \"/b\" = \"x y\";\t'/c' = -5 ; '/d' = + 0x1F;'/e' = - 1.5e3; '/f' = 017;\n"
    "'/g' = true; '/h' = null; '/i' = undef; '/j' = false; '/k' = X; '/l' = f(); '/m' = f( );\n"
    "'/n' = dict('a', -1, 'b', X, 'c', \"d\", 'e', 2.5, 'f', true, 'g', 1e3, 'h', 0, 'i', + 7);\n"
    "variable X = 'a'; variable Y ?= list(1, 2); include 'b'; include X; include f('x', Y);\n"
    "prefix '/p'; 'q' ?= 1; prefix \"/r\"; 'q/0' = 'x'; prefix ''; # comment\n"
    "@{ doc } '/s' = 'a'; @desc{x} variable Z = 3;\n"
    "bind '/x' = long; valid '/x' = true; final '/y' = 1; final variable W = 2; '/t' = 'a;b' ;\n"
    "'/u' = <<EOF; '/v' = 'w';\nheredoc\nEOF\n'/w' = f(1,); '/z' = \"a\\tb\"; '/zz' = f(g(1)); '/y' = X[0];\n",
]


@pytest.mark.parametrize("text", SNIPPETS)
def test_snippets_parse_identically(text):
    fast, slow = both(text)
    assert fast is not None
    assert differences(fast, slow) is None, differences(fast, slow)


@pytest.mark.parametrize("text", [
    "template a;\n'/x' = (x) = 1;\n",
    "template a;\n'/x' = a + b = 1;\n",
    "template a;\n'/x' = - -1;\n",
    "template a;\n'/x' = {};\n",
    "template a;\n'/x' = 1\n",
    "template a;\n'/x' = f(1,,);\n",
    "template a;\ntype t = { 'a' long };\n",
    "template a;\n'/x' = 99999999999999999999;\n",
    "template a;\n'/x' = if;\n",
    "template a;\nvariable if = 1;\n",
    "template a;\n'/x' = f(while);\n",
    "template a;\n'/x' = while('a');\n",
    "template a;\n'/x' = true(1);\n",
    "template a;\ninclude if(1);\n",
    "template a;\n'/x' = 1.5e999;\n",
    "template a;\n'/x' = 'a' 'b';\n",
    "template a;\n{ x = 1; 'y' = 2; };\n",
])
def test_invalid_text_is_left_to_the_lalr_parser(text):
    assert _parse_fast(text, SourceFile("/t/s.pan", text)) is None
    with pytest.raises(PanSyntaxError) as caught:
        parse_text(text, SourceFile("/t/s.pan", text))
    assert caught.value.span is not None


def test_statement_lists_parse_in_linear_time_shape():
    # 20,000 statements: the statement list is grown in place (was quadratic).
    text = "template a;\n" + "".join(f"'/x/k{i}' = {i};\n" for i in range(20000))
    fast, slow = both(text)
    assert len(fast.statements) == len(slow.statements) == 20000
    assert differences(fast.statements[-1], slow.statements[-1]) is None

