"""Each lint rule on a small template: what it finds, and what it must not."""

from __future__ import annotations

import textwrap

import pytest

from pancompiler.lint.rules import RULES, resolve
from pancompiler.lint.runner import lint


def run(tmp_path, text: str, name: str = "t", rules: str = "all", extra: dict | None = None):
    path = tmp_path / f"{name}.pan"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"))
    for rel, body in (extra or {}).items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(textwrap.dedent(body).lstrip("\n"))
    return [(f.line, f.rule) for f in lint([str(path)], resolve(rules.split(",")))]


def test_clean_template_has_no_findings(tmp_path):
    assert run(tmp_path, """
        object template t;
        variable GREETING = 'hello';
        '/a' = {
            total = 0;
            foreach (k; v; list(1, 2)) {
                total = total + v;
            };
            total;
        };
        '/b' = GREETING;
    """) == []


@pytest.mark.parametrize("line, rule", [
    ("  '/a' = 1;", "LP001"),
    ("'/a' = 1;   ", "LP003"),
    ("'/a' = nlist('k', 1);", "LP004"),
    ("include {'u'};", "LP005"),
    ("'/a' = '" + "x" * 130 + "';", "LP006"),
    ("'/a' = list(1,2);", "LP007"),
    ("'/a' = 1 ;", "LP008"),
    ("'/a' = 1;'/b' = 2;", "LP009"),
    ("variable Lower = 1;", "LP010"),
    ("variable ABC = 1;", "LP011"),
    ("'/a' = error(format('%s', 'x'));", "LP012"),
    ("'/a' = 1+2;", "LC001"),
    ("'/a/' = 1;", "PP001"),
    ("'/a' = '/software/components/foo/active';", "CU001"),
])
def test_panlint_rules(tmp_path, line, rule):
    text = "unique template t;\n" + line + "\n"
    assert (2, rule) in run(tmp_path, text, extra={"u.pan": "unique template u;\n"})


def test_tab_indentation_is_lp001_and_lp002(tmp_path):
    assert {r for _, r in run(tmp_path, "unique template t;\n\t'/a' = 1;\n")} == {"LP001", "LP002"}


def test_first_line_must_be_the_header(tmp_path):
    assert run(tmp_path, "# comment\nobject  template   t ;\n", rules="FL") == [(2, "FL001")]


def test_strings_comments_and_heredocs_are_not_code(tmp_path):
    assert run(tmp_path, """
        object template t;
        '/a' = 'a+b,c;d  ;x=y';   # a+b,c ; nlist(
        '/b' = <<EOT;
        x+y ,z ;   nlist(
        EOT
        '/c' = "x=1;" + 'y';
    """, rules="LP,LC") == []


def test_unary_minus_and_simple_subscripts(tmp_path):
    found = run(tmp_path, """
        object template t;
        '/a' = list(-1, 2 - 1, -ARGC);
        '/b' = {
            x = list(1, 2);
            x[1-1];
        };
        '/c' = {
            x = list(1, 2);
            x[1 - 1];
        };
        '/d' = - 1;
    """, rules="LC001")
    assert found == [(9, "LC001"), (11, "LC001")]


def test_read_before_assign_and_unused(tmp_path):
    found = run(tmp_path, """
        object template t;
        function f = {
            if (is_defined(cache)) cache = 1;
            y = x + 1;
            x = 2;
            unused = 3;
            first(ARGV, k, v);
            named = 'n';
            substitute('${named}') + y + x;
        };
        '/a' = f(1);
    """, rules="PS001,PS002")
    assert found == [(4, "PS001"), (6, "PS002")]


def test_loops_may_read_what_a_previous_iteration_assigned(tmp_path):
    assert run(tmp_path, """
        object template t;
        '/a' = {
            i = 0;
            while (i < 3) {
                if (i > 0) prev = seen;
                seen = i;
                i = i + 1;
            };
            prev;
        };
    """, rules="PS") == []


def test_globals_are_not_locals(tmp_path):
    assert run(tmp_path, """
        object template t;
        variable COUNT = 1;
        '/a' = {
            y = COUNT;
            y;
        };
    """, rules="PS") == []


def test_include_on_no_include_path(tmp_path):
    found = run(tmp_path, """
        object template site/t;
        include 'site/there';
        include 'site/missing';
        include if_exists('site/maybe');
    """, name="site/t", rules="PS003", extra={"site/there.pan": "unique template site/there;\n"})
    assert found == [(3, "PS003")]


def test_undefined_types_in_binds_and_fields(tmp_path):
    found = run(tmp_path, """
        object template t;
        type known = string;
        type rec = {
            'a' : known
            'b' ? unknown_t
            include missing_t
        };
        bind '/x' = rec;
        bind '/y' = nowhere_t[];
    """, rules="PS004")
    assert found == [(5, "PS004"), (6, "PS004"), (9, "PS004")]


def test_types_defined_in_other_templates_are_known(tmp_path):
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "types.pan").write_text("declaration template types;\ntype from_lib = long;\n")
    path = tmp_path / "t.pan"
    path.write_text("object template t;\nbind '/x' = from_lib;\n")
    assert lint([str(path)], {"PS004"}, include_path=[str(tmp_path / "lib")]) == []


def test_code_after_return(tmp_path):
    found = run(tmp_path, """
        object template t;
        function f = {
            return(1);
            2;
        };
        '/a' = f();
    """, rules="PS005")
    assert found == [(4, "PS005")]


def test_final_path_written_again(tmp_path):
    found = run(tmp_path, """
        object template t;
        final '/a/b' = 1;
        prefix '/a';
        'b/c' = 2;
        'x' = 3;
        final variable LIMIT = 1;
        variable LIMIT = 2;
        variable LIMIT ?= 3;
        'b' ?= 4;
    """, rules="PS006")
    assert found == [(4, "PS006"), (7, "PS006")]


def test_deprecated_types_and_functions(tmp_path):
    found = run(tmp_path, """
        object template t;
        function old_f = {
            deprecated(0, 'use new_f');
            1;
        };
        type t1 = nlist;
        '/a' = old_f();
    """, rules="PS007")
    assert found == [(6, "PS007"), (7, "PS007")]


def test_syntax_errors_are_ps000_with_a_location(tmp_path):
    found = run(tmp_path, "object template t;\n'/a' = (1;\n")
    assert (2, "PS000") in found


def test_rule_vocabulary():
    assert resolve(["LP001"]) == {"LP001"}
    assert resolve(["trailing-whitespace"]) == {"LP003"}
    assert resolve(["PS"]) == {r for r in RULES if r.startswith("PS")}
    assert resolve(["all"]) == set(RULES)
    with pytest.raises(ValueError):
        resolve(["nope"])


def test_worker_processes_give_the_same_findings(tmp_path):
    (tmp_path / "lib.pan").write_text("declaration template lib;\ntype shared_t = long;\n"
                                      "function old_f = { deprecated(0, 'no'); 1; };\n")
    for i in range(45):
        (tmp_path / f"t{i}.pan").write_text(
            f"object template t{i};\nbind '/a' = shared_t;\nbind '/b' = missing_{i % 3};\n"
            f"'/c' = old_f();\n'/d' = {{ x = 1; y = {i}; y; }};\n")
    serial = lint([str(tmp_path)], set(RULES), jobs=1)
    parallel = lint([str(tmp_path)], set(RULES), jobs=2)
    assert serial == parallel
    rules = {f.rule for f in serial}
    assert {"PS004", "PS007", "PS002"} <= rules
    assert not any(f.rule == "PS004" and "shared_t" in f.message for f in serial)


def test_maven_template_names_are_accepted_when_asked(tmp_path):
    path = tmp_path / "config.pan"
    path.write_text("unique template components/${project.artifactId}/config;\n"
                    "include 'components/${project.artifactId}/schema';\n"
                    "bind '/software/components/${project.artifactId}' = ${project.artifactId}_component;\n"
                    "'/software/components/${project.artifactId}/active' ?= true;\n")
    assert {f.rule for f in lint([str(path)], set(RULES))} == {"PS000"}
    assert lint([str(path)], set(RULES), allow_maven=True) == []


def test_maven_header_placeholder(tmp_path):
    path = tmp_path / "schema.pan"
    path.write_text("${componentschema}\n\ntype foo_t = string;\n")
    assert {f.rule for f in lint([str(path)], set(RULES))} == {"FL001", "PS000"}
    assert lint([str(path)], set(RULES), allow_maven=True) == []
