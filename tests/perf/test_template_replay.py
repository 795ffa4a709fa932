"""Replaying recorded unique/declaration templates (runtime.memo) changes nothing a user sees.

Each case compiles several objects in one process (so later objects can replay what earlier
ones recorded) twice, with the replay on and with ``PANC_NO_MEMO=1``, and requires the same
output files, byte for byte, and the same messages and errors.  The targeted cases put, before
a shared template, the kinds of state a replay must notice; the generated cases turn random
programs (``tests/compat/pangen.py``) into shared unique templates included by objects whose
earlier statements differ.
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

import pytest

from pancompiler import cli
from pancompiler.runtime import memo

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "compat"))
from pangen import ProgramGenerator  # noqa: E402


class ReplayCounter:
    """Counts the segments replayed by the build running in this process (``--nthread 1``)."""

    def __init__(self, monkeypatch):
        self.replayed = 0
        find = memo.UnitMemo.find

        def counting_find(unit_memo, key, ev):
            found = find(unit_memo, key, ev)
            self.replayed += found is not None
            return found

        monkeypatch.setattr(memo.UnitMemo, "find", counting_find)


def compile_site(root: Path, objects: list[str], memo_on: bool, capfd) -> tuple[dict, str, int]:
    out = root / ("out-memo" if memo_on else "out-plain")
    out.mkdir()
    saved = os.environ.get("PANC_NO_MEMO")
    os.environ["PANC_NO_MEMO"] = "0" if memo_on else "1"
    try:
        capfd.readouterr()
        status = cli.main(["--output-dir", str(out), "--include-path", str(root / "src"),
                           "--formats", "json,dep,pan", "--nthread", "1", "--no-progress",
                           "--template-cache", "off", "--max-iteration", "2000"]
                          + [str(root / "src" / f"{name}.pan") for name in objects])
        err = capfd.readouterr().err
    finally:
        if saved is None:
            os.environ.pop("PANC_NO_MEMO", None)
        else:
            os.environ["PANC_NO_MEMO"] = saved
    files = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*")
             if p.is_file() and ".pancompiler" not in p.parts}
    return files, err.replace(str(out), "OUT"), status


def write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / "src" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def assert_same_with_and_without_replay(root: Path, objects: list[str], capfd, what="") -> tuple[dict, str]:
    plain = compile_site(root, objects, False, capfd)
    replayed = compile_site(root, objects, True, capfd)
    assert replayed[2] == plain[2], what
    assert replayed[1] == plain[1], what
    assert replayed[0].keys() == plain[0].keys(), what
    for name in plain[0]:
        assert replayed[0][name] == plain[0][name], f"{what} {name}"
    return plain[0], plain[1]


SHARED = {
    "lib/decl.pan": """declaration template lib/decl;
type port = long(1..65535);
type svc = { 'port' : port = 80 'name' ? string 'tags' : string[] = list('t') };
function double_it = { ARGV[0] * 2; };
""",
    "lib/reads.pan": """unique template lib/reads;
include 'lib/decl';
'/copy/host' = value('/host') + '-x';
'/copy/object' = OBJECT;
variable LABEL ?= 'default';
'/copy/label' = LABEL;
'/list' = append(SELF, 'lib');
'/padded/0' = 'first';
'/services/web' = dict('name', 'web');
bind '/services/web' = svc;
'/counter' = if (exists('/count')) value('/count') + 1 else 1;
'/doubled' = double_it(length(value('/list')));
""",
}


def test_what_a_replayed_template_read_is_checked_in_each_object(tmp_path, capfd, monkeypatch):
    counter = ReplayCounter(monkeypatch)
    objects = {
        "a": "'/host' = 'a';\n'/list' = list(1);\n",
        "b": "'/host' = 'a';\n'/list' = list(1);\n",                    # same state as a: replayed
        "c": "'/host' = 'c';\n'/list' = list(1, 2);\nvariable LABEL = 'mine';\n'/count' = 5;\n",
        "d": "'/host' = 'a';\n'/list' = list(1);\n'/padded' = list('x', 'y', 'z', 'w', 'v');\n",
        "e": "'/host' = 'a';\n'/list' = list(1);\nfinal '/copy/label' = 'locked';\n",
        "f": "'/host' = 'a';\n'/list' = list(1);\nfunction double_it = { 0; };\n",
        "g": "'/host' = 'a';\n'/list' = 'not a list';\n",
        "h": "'/host' = 'a';\n'/list' = list(1);\n'/services' = 'text';\n",
    }
    write(tmp_path, SHARED)
    write(tmp_path, {f"{name}.pan": f"object template {name};\n{body}include 'lib/reads';\n"
                     for name, body in objects.items()})
    files, err = assert_same_with_and_without_replay(tmp_path, list(objects), capfd)
    assert b'"object": "b"' in files["b.json"]       # OBJECT is read again, not replayed
    assert b'"label": "mine"' in files["c.json"] and b'"counter": 6' in files["c.json"]
    assert "e.json" not in files and "f.json" not in files and "g.json" not in files
    assert "h.json" not in files
    assert "cannot be modified" in err and "duplicate function definition" in err
    assert counter.replayed >= 1             # lib/decl, at least


def test_a_long_template_replays_the_segments_that_do_not_depend_on_the_object(tmp_path, capfd, monkeypatch):
    counter = ReplayCounter(monkeypatch)
    statements = [f"'/data/k{i:03d}' = {i};" for i in range(3 * memo.SEGMENT)]
    statements.insert(memo.SEGMENT + 3, "'/data/host' = value('/host');")
    write(tmp_path, {"lib/long.pan": "unique template lib/long;\n" + "\n".join(statements) + "\n"})
    names = [f"n{i}" for i in range(4)]
    write(tmp_path, {f"{n}.pan": f"object template {n};\n'/host' = '{n}';\ninclude 'lib/long';\n"
                     for n in names})
    files, _ = assert_same_with_and_without_replay(tmp_path, names, capfd)
    assert b'"host": "n3"' in files["n3.json"]
    # 49 statements: 4 segments; in n1..n3 all but the one reading /host are replayed
    assert counter.replayed == 3 * 3


def test_messages_and_dependencies_are_replayed(tmp_path, capfd, monkeypatch):
    counter = ReplayCounter(monkeypatch)
    write(tmp_path, {
        "lib/noisy.pan": """unique template lib/noisy;
function warn_old = { deprecated(0, 'lib/noisy is old'); 1; };
'/warned' = warn_old();
variable Y = file_contents('lib/data.txt');
include if_exists('lib/absent');
'/data' = Y;
""",
        "lib/data.txt": "payload\n",
        **{f"m{i}.pan": f"object template m{i};\ninclude 'lib/noisy';\n" for i in range(3)},
    })
    files, err = assert_same_with_and_without_replay(tmp_path, ["m0", "m1", "m2"], capfd)
    assert err.count("lib/noisy is old") == 3
    assert b"lib/data.txt TEXT" in files["m2.dep"] and b"lib/absent ABSENT_SOURCE" in files["m2.dep"]
    assert counter.replayed == 2


def test_structure_templates_and_other_objects_inside_a_shared_template(tmp_path, capfd):
    write(tmp_path, {
        "lib/st.pan": "structure template lib/st;\n'a' = 1;\n'b' = OBJECT;\n",
        "lib/uses.pan": """unique template lib/uses;
'/made' = create('lib/st');
'/peer' = value('peer:/v');
""",
        "peer.pan": "object template peer;\n'/v' = 42;\n",
        **{f"u{i}.pan": f"object template u{i};\ninclude 'lib/uses';\n" for i in range(3)},
    })
    files, _ = assert_same_with_and_without_replay(tmp_path, ["u0", "u1", "u2"], capfd)
    assert b'"b": "u2"' in files["u2.json"]


def _plain_assignments(text: str, namespace: str) -> list[str]:
    return [line for line in text.splitlines()[1:]
            if line.startswith("'/") and namespace not in line and "value(" not in line]


def test_generated_programs_give_the_same_results_replayed(tmp_path, capfd, monkeypatch):
    counter = ReplayCounter(monkeypatch)
    seeds_replayed = 0
    for seed in range(60):
        before = counter.replayed
        root = tmp_path / str(seed)
        rng = random.Random(seed)
        program = ProgramGenerator(seed).program(f"p{seed}")
        body = program.pop(f"p{seed}.pan").splitlines()[1:]
        other = ProgramGenerator(seed + 1000).program(f"q{seed}")
        prelude = _plain_assignments(other[f"q{seed}.pan"], f"q{seed}")
        files = dict(program)
        files[f"p{seed}/body.pan"] = f"unique template p{seed}/body;\n" + "\n".join(body) + "\n"
        variants = [[], [], rng.sample(prelude, min(len(prelude), 2)), prelude]
        names = []
        for k, lines in enumerate(variants):
            name = f"o{seed}_{k}"
            names.append(name)
            files[f"{name}.pan"] = (f"object template {name};\n" + "\n".join(lines)
                                    + f"\ninclude 'p{seed}/body';\n")
        write(root, files)
        assert_same_with_and_without_replay(root, names, capfd, f"seed {seed}")
        seeds_replayed += counter.replayed > before
    assert seeds_replayed >= 15


CHECKED = {
    "lib/types.pan": """declaration template lib/types;
function port_ok = {
    deprecated(0, 'port_ok is old');
    tmp = SELF['port'];
    tmp > 0 && tmp <= value('/limits/port');
};
type svc = { 'port' : long 'name' : string = 'web' } with port_ok(SELF);
type wrapper = { 'svc' : svc };
""",
    "lib/svc.pan": """unique template lib/svc;
include 'lib/types';
'/services/main' = dict('svc', dict('port', 8080));
bind '/services/main' = wrapper;
""",
}


def test_checks_of_shared_values_still_see_what_differs_between_objects(tmp_path, capfd, monkeypatch):
    objects = {
        "s0": "'/limits/port' = 65535;\n",
        "s1": "'/limits/port' = 65535;\n",
        "s2": "'/limits/port' = 1024;\n",                        # the with-function now fails
        "s3": "'/limits/port' = 65535;\nvariable tmp = 1;\n",     # tmp is a global here
        "s4": "'/limits/port' = 65535;\n",
    }
    write(tmp_path, CHECKED)
    write(tmp_path, {f"{name}.pan": f"object template {name};\n{body}include 'lib/svc';\n"
                     for name, body in objects.items()})
    files, err = assert_same_with_and_without_replay(tmp_path, list(objects), capfd)
    assert sorted(n for n in files if n.endswith(".json")) == ["s0.json", "s1.json", "s4.json"]
    assert b'"name": "web"' in files["s4.json"]
    assert err.count("port_ok is old") == 5
    assert err.count("validation error") == 2          # s2 and s3


def test_values_objects_build_alike_are_checked_once_and_still_each_time_they_differ(tmp_path, capfd,
                                                                                         monkeypatch):
    # Each object builds /services/main itself (object statements are never replayed); equal
    # values are shared before phase 2, so the check of the third is reused, not the fourth's.
    write(tmp_path, CHECKED)
    ports = {"v0": 8080, "v1": 8080, "v2": 8080, "v3": 80, "v4": 70000}
    write(tmp_path, {f"{name}.pan": (f"object template {name};\n'/limits/port' = 65535;\n"
                                     "include 'lib/types';\n"
                                     f"'/services/main' = dict('svc', dict('port', {port}));\n"
                                     "bind '/services/main' = wrapper;\n")
                     for name, port in ports.items()})
    files, err = assert_same_with_and_without_replay(tmp_path, list(ports), capfd)
    assert sorted(n for n in files if n.endswith(".json")) == ["v0.json", "v1.json", "v2.json", "v3.json"]
    assert b'"port": 80\n' in files["v3.json"] and err.count("port_ok is old") == 5


def test_values_that_differ_only_in_non_finite_doubles_are_not_taken_for_each_other():
    from pancompiler.runtime.snapshot import fingerprint
    from pancompiler.runtime.values import PanDict, PanList
    variants = [PanList([float("inf")]), PanList([float("-inf")]), PanList([float("nan")]),
                PanList([1]), PanList([1.0]), PanList([True]), PanList([-0.0]), PanList([0.0]),
                PanDict(a=PanList()), PanDict(a=PanDict())]
    prints = [fingerprint(v) for v in variants]
    assert len(set(prints)) == len(variants)


class CheckCounter:
    """Counts the ``with`` blocks run in this process, by the function they call first."""

    def __init__(self, monkeypatch):
        from pancompiler.runtime import context
        self.runs = 0
        run_block = context.ObjectContext.run_validation_block

        def counting(ev, fn, value):
            self.runs += 1
            return run_block(ev, fn, value)

        monkeypatch.setattr(context.ObjectContext, "run_validation_block", counting)


def test_values_filled_anew_with_defaults_in_each_object_are_checked_once(tmp_path, capfd, monkeypatch):
    # A bind below /services/main fills a default, so every object ends phase 2 with a fresh copy
    # of /services/main; equal copies are shared again before phase 3.  "/dev/null" in a string
    # must not stop the sharing (orjson's bare null is what stands for a non-finite double).
    write(tmp_path, {
        "lib/types.pan": """declaration template lib/types;
type svc = { 'port' : long 'name' : string = 'web' 'log' : string } with SELF['port'] > 0;
type wrapper = { 'svc' : svc } with length(SELF) == 1;
""",
        **{f"d{i}.pan": ("object template d{0};\ninclude 'lib/types';\n"
                         "'/services/main' = dict('svc', dict('port', {1}, 'log', '/dev/null'));\n"
                         "bind '/services/main' = wrapper;\nbind '/services/main/svc' = svc;\n").format(i, port)
           for i, port in enumerate([8080, 8080, 8080, 8080, 80])},
    })
    names = [f"d{i}" for i in range(5)]
    counter = CheckCounter(monkeypatch)
    plain = compile_site(tmp_path, names, False, capfd)
    runs_plain, counter.runs = counter.runs, 0
    shared = compile_site(tmp_path, names, True, capfd)
    assert shared == plain
    assert b'"name": "web"' in plain[0]["d4.json"]
    assert runs_plain == 5 * 3          # wrapper at /services/main, svc there and at .../svc
    assert counter.runs <= 2 * 3        # the first object, and the last (its port differs)


def test_a_list_the_template_builds_element_by_element_is_its_own(tmp_path, capfd, monkeypatch):
    # The list below a path that did not exist before the template is all the template's doing:
    # writing its second element, or reading it whole, depends on nothing outside the template.
    counter = ReplayCounter(monkeypatch)
    write(tmp_path, {
        "lib/rules.pan": """unique template lib/rules;
prefix '/services/{/etc/rules.conf}/contents';
'main/0' = dict('name', 'first');
'main/1' = dict('name', 'last');
'count' = length(value('/services/{/etc/rules.conf}/contents/main'));
""",
        **{f"r{i}.pan": f"object template r{i};\n'/services/other' = {i};\ninclude 'lib/rules';\n"
           for i in range(3)},
    })
    files, _ = assert_same_with_and_without_replay(tmp_path, ["r0", "r1", "r2"], capfd)
    assert b'"count": 2' in files["r2.json"]
    assert counter.replayed == 2


def test_a_template_that_cannot_be_recorded_is_left_to_run(tmp_path, capfd, monkeypatch):
    # Reading a path the template wrote part of makes a run unrecordable; after two such runs
    # the template simply runs, as it would without replay.
    recorded = []
    recorder = memo.Recorder

    class CountingRecorder(recorder):
        __slots__ = ()

        def __init__(self, name, ev):
            recorded.append(name)
            super().__init__(name, ev)

    monkeypatch.setattr(memo, "Recorder", CountingRecorder)
    write(tmp_path, {
        "lib/mixed.pan": """unique template lib/mixed;
'/svc/mode' = 420;
'/svc/copy' = length(value('/svc'));
""",
        **{f"x{i}.pan": f"object template x{i};\n'/svc/owner' = 'root';\ninclude 'lib/mixed';\n"
           for i in range(5)},
    })
    files, _ = assert_same_with_and_without_replay(tmp_path, [f"x{i}" for i in range(5)], capfd)
    assert b'"copy": 3' in files["x4.json"]
    assert recorded.count(("lib/mixed", 0)) == 2
