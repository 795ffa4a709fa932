"""Builds on a local Dask cluster give the local build's bytes, state and errors.

The example site and a synthetic site are compiled locally (``panc`` in a
subprocess) and on the module's Dask cluster, with workers reading the site
from its path and with the site shipped to them; every output file must be
byte-identical (index and state compared without modification times).  The
incremental state must stay exact across the two kinds of build, errors must
read the same, and a scheduler that does not answer must give one clear line.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
from pathlib import Path

from dask_helpers import REPO, assert_same_tree, panc_dask, panc_local, stats, synthetic_args


def copy_example_site(target: Path) -> Path:
    for folder in ("clusters", "sites", "templates"):
        shutil.copytree(REPO / folder, target / folder)
    return target


def test_example_site_cold_and_incremental(tmp_path, dask_cluster, capsys):
    site = copy_example_site(tmp_path / "site")
    local, dask = tmp_path / "local" / "profiles", tmp_path / "dask" / "profiles"
    done = panc_local("--site", str(site), "--output-dir", str(local))
    assert done.returncode == 0, done.stderr
    code, err = panc_dask(capsys, dask_cluster, "--site", str(site), "--output-dir", str(dask))
    assert code == 0, err
    assert stats(err)["compiled"] == 20
    # Outputs, index, virtualisation files and the incremental state.
    assert_same_tree(local.parent, dask.parent)

    # Nothing changed: neither a Dask nor a local build recompiles anything.
    code, err = panc_dask(capsys, dask_cluster, "--site", str(site), "--output-dir", str(dask))
    assert code == 0 and stats(err)["compiled"] == 0, err
    again = panc_local("--site", str(site), "--output-dir", str(dask))
    assert again.returncode == 0 and stats(again.stderr)["compiled"] == 0, again.stderr

    # One guest edited: the guest, the hypervisor reading it and the enclosure
    # reading that one; the same three on both sides.
    guest = site / "clusters" / "guests" / "profiles" / "vm01.example.org.pan"
    guest.write_text(guest.read_text().replace("'/system/owner' =", "'/system/owner' =", 1)
                     + "'/system/edited' = true;\n")
    done = panc_local("--site", str(site), "--output-dir", str(local))
    assert done.returncode == 0, done.stderr
    code, err = panc_dask(capsys, dask_cluster, "--site", str(site), "--output-dir", str(dask))
    assert code == 0, err
    assert stats(err)["compiled"] == stats(done.stderr)["compiled"] == 3
    assert_same_tree(local.parent, dask.parent)
    after = panc_local("--site", str(site), "--output-dir", str(dask))
    assert stats(after.stderr)["compiled"] == 0, after.stderr


def test_synthetic_site_shared_path_and_shipped(tmp_path, synthetic, dask_cluster, capsys):
    site, local = synthetic
    for ship in (False, True):
        out = tmp_path / ("shipped" if ship else "shared")
        out.mkdir()
        code, err = panc_dask(capsys, dask_cluster, *synthetic_args(site, out), ship=ship)
        assert code == 0, err
        assert stats(err)["compiled"] == 6
        assert_same_tree(local, out)
    # A shipped build's state is as exact as a local one's.
    done = panc_local(*synthetic_args(site, tmp_path / "shipped"))
    assert done.returncode == 0 and stats(done.stderr)["compiled"] == 0, done.stderr


ERRORS = {
    "broken_eval": """
        object template broken_eval;
        function boom = error('boom in ' + ARGV[0]);
        function outer = boom(ARGV[0]);
        '/a' = outer('eval');
    """,
    "broken_type": """
        object template broken_type;
        type port = long(1..65535);
        bind '/port' = port;
        '/port' = 70000;
    """,
    "broken_syntax": """
        object template broken_syntax;
        '/a' = ;
    """,
    "fine": """
        object template fine;
        '/ok' = true;
    """,
}


def write_error_site(root: Path) -> list[str]:
    root.mkdir()
    files = []
    for name, text in ERRORS.items():
        path = root / f"{name}.pan"
        path.write_text("\n".join(line.strip() for line in text.strip().splitlines()) + "\n")
        files.append(str(path))
    return files


def errors_json(stderr: str) -> list[dict]:
    return sorted((json.loads(line) for line in stderr.splitlines() if line.startswith("{")),
                  key=lambda e: e["object"])


def error_reports(stderr: str) -> list[str]:
    """The text error reports of a run, sorted (objects finish in any order)."""
    lines = [line for line in stderr.splitlines() if not re.match(r"\d+ objects: ", line)]
    reports, current = [], []
    for line in lines:
        if re.match(r"(syntax|evaluation|validation|system) error \[", line) and current:
            reports.append("\n".join(current))
            current = []
        current.append(line)
    if current:
        reports.append("\n".join(current))
    return sorted(reports)


def test_errors_read_as_in_a_local_build(tmp_path, dask_cluster, capsys):
    files = write_error_site(tmp_path / "src")
    common = ["--include-path", str(tmp_path / "src"), "--formats", "json"]
    for fmt in ("json", "text"):
        (tmp_path / f"local-{fmt}").mkdir()
        local = panc_local(*common, "--error-format", fmt, "--output-dir", str(tmp_path / f"local-{fmt}"), *files)
        assert local.returncode == 1
        for ship in (False, True):
            out = tmp_path / f"dask-{fmt}-{ship}"
            out.mkdir()
            code, err = panc_dask(capsys, dask_cluster, *common, "--error-format", fmt, "--output-dir", str(out),
                                  *files, ship=ship)
            assert code == 1
            assert "Traceback" not in err
            if fmt == "json":
                assert errors_json(err) == errors_json(local.stderr)
                assert len(errors_json(err)) == 3
            else:
                assert error_reports(err) == error_reports(local.stderr)
                assert f"evaluation error [{tmp_path}/src/broken_eval.pan:2." in err
                assert ">>> call stack trace" in err
            assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["fine.json"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_unreachable_scheduler_is_one_clear_line(tmp_path, capsys):
    from pancompiler.cli import main
    src = tmp_path / "fine.pan"
    src.write_text("object template fine;\n'/ok' = true;\n")
    address = f"tcp://127.0.0.1:{free_port()}"
    code = main(["--no-progress", "--include-path", str(tmp_path), "--output-dir", str(tmp_path),
                 "--scheduler", address, "--dask-timeout", "1", str(src)])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith(f"error: cannot reach the Dask scheduler at {address}")
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not (tmp_path / "fine.pan.json").exists() and not (tmp_path / "fine.xml").exists()


def test_scheduler_and_local_cluster_exclude_each_other(tmp_path, capsys):
    from pancompiler.cli import main
    src = tmp_path / "fine.pan"
    src.write_text("object template fine;\n'/ok' = true;\n")
    code = main(["--include-path", str(tmp_path), "--output-dir", str(tmp_path), "--scheduler", "tcp://127.0.0.1:1",
                 "--dask-local", "2", str(src)])
    assert code == 2
    assert "--scheduler and --dask-local exclude each other" in capsys.readouterr().err


def test_dask_local_starts_and_stops_its_own_cluster(tmp_path, capsys):
    from pancompiler.cli import main
    files = write_error_site(tmp_path / "src")[-1:] + [str(tmp_path / "src" / "other.pan")]
    (tmp_path / "src" / "other.pan").write_text("object template other;\n'/fine' = value('fine:/ok');\n")
    common = ["--include-path", str(tmp_path / "src"), "--formats", "json,dep", *files]
    (tmp_path / "local").mkdir()
    (tmp_path / "dask").mkdir()
    done = panc_local("--output-dir", str(tmp_path / "local"), *common)
    assert done.returncode == 0, done.stderr
    code = main(["-v", "--no-progress", "--dask-local", "1", "--output-dir", str(tmp_path / "dask"), *common])
    err = capsys.readouterr().err
    assert code == 0, err
    assert stats(err)["compiled"] == 2
    assert_same_tree(tmp_path / "local", tmp_path / "dask")


def test_shipped_builds_read_the_shipped_files(tmp_path, dask_cluster, capsys, monkeypatch):
    """Edited on the build machine after packing: the workers still compile the packed text."""
    from pancompiler.distributed import ship
    src = tmp_path / "src"
    src.mkdir()
    profile = src / "node.pan"
    profile.write_text("object template node;\n'/packed' = true;\n")
    real_pack = ship.pack

    def pack_then_edit(config, specs):
        bundle = real_pack(config, specs)
        profile.write_text("object template node;\n'/packed' = false;\n")
        return bundle

    monkeypatch.setattr(ship, "pack", pack_then_edit)
    code, err = panc_dask(capsys, dask_cluster, "--include-path", str(src), "--output-dir", str(tmp_path),
                          "--formats", "json,dep", str(profile), ship=True)
    assert code == 0, err
    assert json.loads((tmp_path / "node.json").read_text()) == {"packed": True}
    dep = (tmp_path / "node.dep").read_text()
    assert f"file:{src}/" in dep and ship.PREFIX not in dep       # paths as the build machine sees them


def test_objects_messages_reach_the_user_once(tmp_path, dask_cluster, capsys):
    # A Dask worker's stderr is not the user's: deprecated() lines come back with each object's
    # result and the building process prints them, once per object even when a reader compiled
    # the object it read too.
    src = tmp_path / "src"
    src.mkdir()
    (src / "lib.pan").write_text("unique template lib;\n'/x' = 1;\n"
                                 "function say = deprecated(0, 'lib is old, says ' + OBJECT);\n'/said' = say();\n")
    names = [f"m{i}" for i in range(8)]
    for i, name in enumerate(names):
        reads = "".join(f"'/peer{k}' = value('{names[i + k]}:/x');\n" for k in (1, 2) if i % 3 == 0 and i + k < 8)
        (src / f"{name}.pan").write_text(f"object template {name};\ninclude 'lib';\n{reads}")
    out = tmp_path / "out"
    out.mkdir()
    code, err = panc_dask(capsys, dask_cluster, "--include-path", str(src), "--output-dir", str(out),
                          *(str(src / f"{name}.pan") for name in names))
    assert code == 0, err
    lines = [line for line in err.splitlines() if "lib is old" in line]
    assert sorted(lines) == [f"lib is old, says {name}" for name in names], err
