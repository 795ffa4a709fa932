"""The documentation site: what it documents, links, markdown, search, and the site build."""

from __future__ import annotations

import json
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

from pancompiler.docgen.cli import main
from pancompiler.docgen.collect import TypeRef, collect

LIB = {
    "lib/types.pan": """
        @{ Types of the test library. }
        declaration template lib/types;

        @documentation{
            desc = a port number
            example = 8080
        }
        type port_t = long(1..65535);

        @{ A service. }
        type service_t = extensible {
            @{ where it listens }
            'port' : port_t = 80
            'names' ? string[1..]
            include extra_t
        };

        type extra_t = { 'x' ? boolean };
    """,
    "lib/functions.pan": """
        declaration template lib/functions;

        @{ Doubles its argument.
           Second line. }
        function double_it = ARGV[0] * 2;

        function old_one = {
            deprecated(0, 'use double_it');
            1;
        };

        @{ Default port. }
        final variable DEFAULT_PORT ?= 80;
    """,
}


@pytest.fixture
def library(tmp_path) -> Path:
    for rel, text in LIB.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"))
    return tmp_path / "lib"


def test_collect_types_fields_functions_variables(library):
    lib = collect([str(library)])
    assert lib.errors == []
    decls = {d.name: d for d in lib.declarations()}
    port = decls["port_t"]
    assert port.doc.desc == "a port number" and port.doc.items == [("example", "8080")]
    assert port.spec == [TypeRef("long"), "(1..65535)"]
    service = decls["service_t"]
    assert service.extensible and service.doc.desc == "A service."
    fields = {f.name: f for f in service.fields}
    assert fields["port"].required and fields["port"].default == "80"
    assert fields["port"].doc.desc == "where it listens"
    assert fields["names"].type == [TypeRef("string"), "[1..]"] and not fields["names"].required
    assert fields["extra_t"].include
    assert decls["double_it"].doc.desc == "Doubles its argument.\nSecond line."
    assert decls["old_one"].deprecated == "use double_it"
    var = decls["DEFAULT_PORT"]
    assert var.final and var.conditional and var.default == "80"
    templates = {t.name: t for t in lib.templates}
    assert templates["lib/types"].doc.desc == "Types of the test library."


def test_html_and_markdown_are_cross_linked(library, tmp_path):
    out = tmp_path / "docs"
    assert main(["-q", "-o", str(out), str(library)]) == 0
    html = (out / "lib" / "types.html").read_text()
    assert '<a href="types.html#type-port_t">port_t</a>' in html
    assert 'id="type-service_t"' in html and "where it listens" in html and "required" in html
    assert "(1..65535)" in html
    assert 'Used by: <a href="types.html#type-service_t">service_t</a>' in html
    md = (out / "lib" / "types.md").read_text()
    assert "[port_t](types.md#type-port_t)" in md
    assert "| `port` | required | [port_t](types.md#type-port_t) | `80` | where it listens |" in md
    assert "Used by: [service_t](types.md#type-service_t)" in md
    index = (out / "index.html").read_text()
    assert 'href="lib/functions.html#function-double_it"' in index
    assert "http" not in html.replace('href="', "")        # no external resources


def test_search_index_lists_everything(library, tmp_path):
    out = tmp_path / "docs"
    main(["-q", "-o", str(out), str(library)])
    text = (out / "search-index.js").read_text()
    entries = json.loads(text[text.index("["):text.rindex("]") + 1])
    names = {(e["k"], e["n"]) for e in entries}
    assert {("type", "port_t"), ("function", "double_it"), ("variable", "DEFAULT_PORT"),
            ("template", "lib/types")} <= names


def test_search_box_finds_declarations_in_a_browser(library, tmp_path):
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    assert browser, "chromium is needed (python3 dev.py test installs it)"
    out = tmp_path / "docs"
    main(["-q", "-o", str(out), str(library)])
    page = out / "lib" / "types.html"
    driven = page.read_text().replace(
        "</body>", '<script>var i = document.getElementById("search"); i.value = "double";'
                   ' i.dispatchEvent(new Event("input"));</script></body>')
    page.write_text(driven)
    run = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom",
                          page.as_uri()], capture_output=True, text=True, timeout=120)
    dom = run.stdout
    assert 'href="../lib/functions.html#function-double_it"' in dom
    assert "port_t" not in dom.split('id="results"')[1].split("</ol>")[0]


def test_site_is_replaced_whole_and_errors_are_reported(library, tmp_path, capsys):
    out = tmp_path / "docs"
    out.mkdir()
    (out / "stale.html").write_text("old")
    (library / "broken.pan").write_text("template lib/broken;\n'/a' = (;\n")
    assert main(["-q", "-o", str(out), str(library)]) == 1
    assert "broken.pan:2." in capsys.readouterr().err
    assert not (out / "stale.html").exists() and (out / "index.html").exists()


def test_site_build_documents_the_example_library(tmp_path):
    from pancompiler.site import _document_library
    repo = Path(__file__).resolve().parents[2]
    shutil.copytree(repo / "templates", tmp_path / "templates")
    assert _document_library(str(tmp_path)) == 0
    docs = tmp_path / "build" / "docs"
    assert (docs / "index.html").exists() and (docs / "index.md").exists()
    lib = collect([str(repo / "templates")])
    assert lib.errors == [] and len(lib.templates) > 10
    for template in lib.templates:
        assert (docs / f"{template.name}.html").exists() and (docs / f"{template.name}.md").exists()


def test_descr_keys_and_continued_values_read_as_one_paragraph():
    from pancompiler.annotations.parse import parse_annotation
    from pancompiler.docgen.collect import Doc
    doc = Doc.of([parse_annotation("@documentation{\n  descr = first part \\\n      second part\n"
                                   "  arg = the value\n}")])
    assert doc.desc == "first part second part"
    assert doc.items == [("arg", "the value")]
