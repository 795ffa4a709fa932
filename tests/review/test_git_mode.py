"""``panc-review diff --git``: two revisions built in a temporary worktree.

Uses the three-commit repository of ``conftest.py``.  Checks what each diff
shows, that the second build of a pair compiles only what changed (from the
statistics the command prints), that the working tree is the default newer
side (untracked files included), that the temporary worktree and folder are
gone afterwards, and that mistakes give one clear line and exit status 2.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from review_helpers import git

from pancompiler.review.cli import main


def review(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(autouse=True)
def private_tmpdir(tmp_path, monkeypatch):
    """Temporary folders of the command go to a folder the test can inspect."""
    folder = tmp_path / "tmpdir"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    import tempfile
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def assert_cleaned(repo, tmpdir) -> None:
    assert git(repo, "worktree", "list").count("\n") == 0, "temporary worktree left behind"
    assert list(tmpdir.iterdir()) == [], "temporary folder left behind"


def test_template_change_between_two_commits(site_repo, capsys, private_tmpdir) -> None:
    repo, (c1, c2, _c3) = site_repo
    code, out, err = review(capsys, "diff", "--git", c1, c2, "--repo", str(repo), "-j", "1", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    changed = {o["name"]: [(c["op"], c["path"], c.get("new_pan")) for c in o["changes"]] for o in data["objects"]}
    assert changed == {"alpha": [("added", "/system/ntp/servers/0", '"ntp0.example.org"')],
                       "gamma": [("added", "/system/peer_ntp/0", '"ntp0.example.org"')]}
    assert data["summary"]["objects_unchanged"] == 1
    # The newer build started from the older one's state: only alpha and gamma were compiled.
    assert f"built {c1}: 3 objects compiled, 0 up to date" in err
    assert f"built {c2}: 2 objects compiled, 1 up to date" in err
    assert_cleaned(repo, private_tmpdir)


def test_object_added_between_two_commits(site_repo, capsys, private_tmpdir) -> None:
    repo, (_c1, c2, c3) = site_repo
    code, out, err = review(capsys, "diff", "--git", c2, c3, "--repo", str(repo), "-j", "1", "--exit-code")
    assert code == 1, err
    assert "+ delta (new object)" in out
    assert "1 object changed" not in out and "0 objects changed, 1 added" in out
    assert f"built {c3}: 1 objects compiled, 3 up to date" in err
    assert_cleaned(repo, private_tmpdir)


def test_working_tree_is_the_default_newer_side(site_repo, capsys, private_tmpdir) -> None:
    repo, (_c1, _c2, c3) = site_repo
    beta = repo / "clusters" / "nodes" / "profiles" / "beta.pan"
    new = repo / "clusters" / "nodes" / "profiles" / "epsilon.pan"
    original = beta.read_text()
    try:
        beta.write_text(original + "'/system/role' = 'db';\n")
        new.write_text("object template epsilon;\n\ninclude 'common/base';\n'/system/hostname' = 'epsilon';\n")
        code, out, err = review(capsys, "diff", "--git", c3, "--repo", str(repo), "-j", "1")
    finally:
        beta.write_text(original)
        new.unlink()
    assert code == 0, err
    assert "working tree" in out.splitlines()[0]
    assert '+ /system/role = "db"' in out
    assert "+ epsilon (new object)" in out
    assert "built working tree: 2 objects compiled, 3 up to date" in err
    assert_cleaned(repo, private_tmpdir)


def test_no_differences_between_a_revision_and_itself(site_repo, capsys, private_tmpdir) -> None:
    repo, (_c1, _c2, c3) = site_repo
    code, out, err = review(capsys, "diff", "--git", c3, c3, "--repo", str(repo), "-j", "1", "--exit-code")
    assert code == 0, err
    assert "No differences" in out
    assert f"built {c3}: 0 objects compiled, 4 up to date" in err


def test_a_revision_that_does_not_compile_is_a_clear_error(site_repo, capsys, private_tmpdir) -> None:
    repo, (_c1, _c2, c3) = site_repo
    broken = repo / "clusters" / "nodes" / "profiles" / "broken.pan"
    try:
        broken.write_text("object template broken;\n'/x' = ;\n")
        code, out, err = review(capsys, "diff", "--git", c3, "--repo", str(repo), "-j", "1")
    finally:
        broken.unlink()
    assert code == 2
    assert "working tree does not compile" in err and "broken.pan" in err
    assert "Traceback" not in err and out == ""
    assert_cleaned(repo, private_tmpdir)


def test_errors_are_one_line_without_traceback(site_repo, tmp_path, private_tmpdir) -> None:
    repo, _commits = site_repo
    cases = [
        (["diff", "--git", "HEAD", "--repo", str(tmp_path)], "is not in a git repository"),
        (["diff", "--git", "no-such-rev", "--repo", str(repo)], "unknown revision 'no-such-rev'"),
        (["diff", "--git", "HEAD", "--repo", str(repo), "--site", "nowhere"], "no site (clusters/ folder)"),
    ]
    for args, expected in cases:
        done = subprocess.run([sys.executable, "-m", "pancompiler.review.cli", *args], capture_output=True,
                              text=True, env=dict(os.environ, TMPDIR=str(private_tmpdir)))
        assert done.returncode == 2, (args, done.stderr)
        assert expected in done.stderr and "Traceback" not in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert_cleaned(repo, private_tmpdir)
