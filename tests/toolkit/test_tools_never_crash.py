"""Property test: no input makes a template tool fail with a Python exception.

Random token soups (with comments, annotations, heredocs and strings) go
through the lint checks, the formatter, the annotation writer and the
documentation collector; each must either succeed or report a pan syntax
error with a location.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pancompiler.annotations.cli import annotation_xml
from pancompiler.docgen.collect import collect
from pancompiler.errors import PanSyntaxError
from pancompiler.fmt.indent import format_text
from pancompiler.lint.rules import RULES
from pancompiler.lint.runner import lint

TOKENS = [
    "object", "template", "t", ";", "'/a'", "'/b/'", "=", "?=", "final", "variable", "X", "x",
    "function", "f", "type", "tt", "bind", "valid", "include", "prefix", "{", "}", "(", ")", "[", "]",
    ",", "+", "-", "*", "/", "==", "<", "1", "2.5", "true", "undef", "SELF", "ARGV", "if", "else",
    "foreach", "k", "v", "return", "list", "nlist", "string", "long(1..2)", "extensible", "choice",
    "with", "'s'", '"q\\n"', "<<EOF\nbody {\nEOF\n", "@{doc}", "@d{ k = v\n}", "@{ k1 = v }",
    "# c {\n", "\n", "\t", ":", "?", "error", "format", "deprecated",
]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=30), st.booleans())
def test_tools_report_pan_errors_only(tmp_path, tokens, with_header):
    text = ("object template t;\n" if with_header else "") + " ".join(tokens)
    path = tmp_path / "t.pan"
    path.write_text(text)
    findings = lint([str(path)], set(RULES))
    assert all(f.line >= 1 and f.col >= 1 for f in findings)
    for run in (lambda: format_text(text), lambda: annotation_xml(str(path))):
        try:
            run()
        except PanSyntaxError as exc:
            assert exc.span is not None
    library = collect([str(path)])
    assert len(library.templates) + len(library.errors) == 1
