"""The formatter's indentation rules, what it must never touch, and idempotence."""

from __future__ import annotations

import pytest

from pancompiler.errors import PanSyntaxError
from pancompiler.fmt.indent import format_text


def test_blocks_are_indented_four_spaces_per_level():
    src = ("object template t;\n"
           "'/a' = {\n"
           "  x = 1;\n"
           "      if (x > 0) {\n"
           "y = dict(\n"
           "'k', 'v',\n"
           ");\n"
           "} else {\n"
           "y = 2;\n"
           "    };\n"
           "y;\n"
           "};\n")
    assert format_text(src) == ("object template t;\n"
                                "'/a' = {\n"
                                "    x = 1;\n"
                                "    if (x > 0) {\n"
                                "        y = dict(\n"
                                "            'k', 'v',\n"
                                "        );\n"
                                "    } else {\n"
                                "        y = 2;\n"
                                "    };\n"
                                "    y;\n"
                                "};\n")


def test_brackets_in_strings_comments_and_annotations_do_not_count():
    src = ("template t;\n"
           "variable X = '{(';  # {{{ not a block\n"
           "@{ a ( b { }\n"
           "'/a' = \"}}\";\n")
    assert format_text(src) == src


def test_trailing_whitespace_goes_and_a_final_newline_is_added():
    assert format_text("template t;   \n'/a' = 1;\t") == "template t;\n'/a' = 1;\n"


def test_blank_lines_are_kept_empty():
    assert format_text("template t;\n   \n\n'/a' = 1;\n") == "template t;\n\n\n'/a' = 1;\n"


def test_heredoc_bodies_are_kept_byte_for_byte():
    src = ("template t;\n"
           "'/a' = {\n"
           "x = <<EOT;\n"
           "   keep  \n"
           "\tthis { (\n"
           "EOT\n"
           "x;\n"
           "};\n")
    out = format_text(src)
    assert "   keep  \n\tthis { (\nEOT\n" in out
    assert "    x = <<EOT;\n" in out and "    x;\n" in out


def test_multi_line_annotations_are_kept_exactly():
    src = ("template t;\n"
           "type x = {\n"
           "        @{ first line   \n"
           "   second line  }\n"
           "'a' : long\n"
           "};\n")
    out = format_text(src)
    assert "        @{ first line   \n   second line  }\n" in out
    assert "    'a' : long\n" in out


def test_continued_double_quoted_strings_are_kept():
    src = "template t;\n  '/a' = \"one \\\n    two  \" + 'x';  \n"
    assert format_text(src) == "template t;\n'/a' = \"one \\\n    two  \" + 'x';\n"


def test_line_ends_are_kept():
    src = "template t;\r\n'/a' = {\r\n1;\r\n};\r\n"
    assert format_text(src) == "template t;\r\n'/a' = {\r\n    1;\r\n};\r\n"


def test_pan_indenter_counts_at_most_one_level_per_line():
    # Pan-Indenter moves the level by one per line whatever the bracket count,
    # and dedents a line that closes more than it opens before printing it;
    # keeping its rules keeps its `check` quiet on what we write.
    src = "template t;\n'/a' = f(g(\n  1,\n  2));\n'/b' = 2;\n"
    assert format_text(src) == "template t;\n'/a' = f(g(\n    1,\n2));\n'/b' = 2;\n"


def test_lexical_errors_are_reported_with_a_location():
    with pytest.raises(PanSyntaxError) as info:
        format_text("template t;\n'/a' = <<EOT;\nno end\n")
    assert "heredoc" in info.value.message


@pytest.mark.parametrize("src", [
    "template t;\n'/a' = {\n\tif (true) {\n1;\n}\n  else {\n2;\n};\n};\n",
    "template t;\n@{\n doc\n}\nfunction f = {\n  return(ARGV[0]);\n};\n",
    "template t;\n) ) ) \n'/a' = 1;\n",
])
def test_formatting_twice_equals_once(src):
    once = format_text(src)
    assert format_text(once) == once


def test_maven_properties_in_template_names_are_formatted():
    src = "unique template components/${project.artifactId}/config;\n'/a' = {\n1;\n};\n"
    assert format_text(src) == ("unique template components/${project.artifactId}/config;\n"
                                "'/a' = {\n    1;\n};\n")
