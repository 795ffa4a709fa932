"""Fixtures shared by every test folder: a copy of the example site, built or not.

``example_site_copy(dest)`` copies the repository's ``sites/``, ``clusters/``
and ``templates/`` under ``dest``; ``build_example_site(root)`` runs
``panc --site`` on such a copy in a new process and returns it completed.
Both are session fixtures returning functions, so module-scoped fixtures of
any folder can use them.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLE_FOLDERS = ("sites", "clusters", "templates")


@pytest.fixture(scope="session")
def example_site_copy():
    def copy(dest: Path) -> Path:
        for folder in EXAMPLE_FOLDERS:
            shutil.copytree(REPO / folder, dest / folder)
        return dest
    return copy


@pytest.fixture(scope="session")
def build_example_site():
    def build(root: Path) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "pancompiler.cli", "--site", str(root), "--no-progress"],
                              capture_output=True, text=True, timeout=600)
    return build
