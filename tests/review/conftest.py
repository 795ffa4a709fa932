"""Shared fixtures of the reviewer tests: a small site in a git repository.

``minisite/`` is a three-object site (alpha includes ``common/ntp``, gamma
reads alpha with ``value()``, beta reads neither).  ``site_repo`` commits it
as c1, then c2 inserts an NTP server in ``common/ntp``, then c3 adds the
object delta; tests get the repository path and the three commit hashes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from review_helpers import commit, git

MINISITE = Path(__file__).parent / "minisite"


@pytest.fixture(scope="module")
def site_repo(tmp_path_factory):
    repo = tmp_path_factory.mktemp("repo")
    git(repo, "init", "-q")
    shutil.copytree(MINISITE, repo, dirs_exist_ok=True)
    (repo / ".gitignore").write_text("build/\n")
    c1 = commit(repo, "c1: three objects")
    ntp = repo / "lib" / "common" / "ntp.pan"
    ntp.write_text(ntp.read_text().replace("list('ntp1", "list('ntp0.example.org', 'ntp1"))
    c2 = commit(repo, "c2: one more NTP server")
    (repo / "clusters" / "nodes" / "profiles" / "delta.pan").write_text(
        "object template delta;\n\ninclude 'common/base';\n'/system/hostname' = 'delta';\n")
    c3 = commit(repo, "c3: object delta")
    return repo, (c1, c2, c3)
