"""Two revisions of a site in git: build both, then diff the builds.

One temporary worktree (``git worktree add --detach`` into a temporary
folder) is checked out at the older revision and built; its output folder,
incremental state included, is copied as the starting output of the newer
build; then the same worktree is moved to the newer revision (``git
checkout``, which rewrites only the files that differ) or given the working
tree's changes, and built again.  Because the state records absolute paths
and file stamps, reusing the worktree's path is what lets the second build
compile only the objects whose inputs changed.  The worktree and the
temporary folder are removed afterwards, also on failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass

from .builds import BuildDiff, Filters, diff_sides
from .profiles import ReviewError, open_side
from .sitebuild import build_site

WORKING_TREE = "working tree"


@dataclass
class RevisionBuilds:
    diff: BuildDiff
    old_report: object        # the driver's Report of each build
    new_report: object


def git(repo: str, *args: str, what: str | None = None) -> str:
    try:
        done = subprocess.run(["git", "-C", repo, *args], capture_output=True, text=True, check=False)
    except OSError as exc:
        raise ReviewError(f"cannot run git: {exc}") from None
    if done.returncode != 0:
        detail = done.stderr.strip().splitlines()
        reason = detail[-1] if detail else f"exit status {done.returncode}"
        raise ReviewError(f"{what or 'git ' + args[0]} failed: {reason}")
    return done.stdout


def repo_top(path: str) -> str:
    if not os.path.isdir(path):
        raise ReviewError(f"{path}: no such folder")
    done = subprocess.run(["git", "-C", path, "rev-parse", "--show-toplevel"], capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        raise ReviewError(f"{os.path.abspath(path)} is not in a git repository")
    return done.stdout.strip()


def resolve(repo: str, rev: str) -> str:
    done = subprocess.run(["git", "-C", repo, "rev-parse", "--verify", "--quiet", "--end-of-options",
                           f"{rev}^{{commit}}"], capture_output=True, text=True, check=False)
    if done.returncode != 0 or not done.stdout.strip():
        raise ReviewError(f"unknown revision '{rev}' in {repo}")
    return done.stdout.strip()


def diff_revisions(repo: str, old_rev: str, new_rev: str | None = None, site: str = ".", jobs: int = 0,
                   filters: Filters | None = None) -> RevisionBuilds:
    """Build ``old_rev`` and ``new_rev`` (default: the working tree) of the site and diff them."""
    top = repo_top(repo)
    old_sha = resolve(top, old_rev)
    new_sha = resolve(top, new_rev) if new_rev else None
    base_sha = new_sha or resolve(top, "HEAD")
    new_label = new_rev or WORKING_TREE
    tmp = tempfile.mkdtemp(prefix="panc-review-")
    tree = os.path.join(tmp, "worktree")
    added = False
    try:
        git(top, "worktree", "add", "--detach", "--quiet", tree, old_sha, what="creating a temporary worktree")
        added = True
        root = _site_root(tree, site, old_rev)
        old_out, new_out = os.path.join(tmp, "old"), os.path.join(tmp, "new")
        old_report = build_site(root, old_out, jobs, what=f"revision {old_rev}")
        shutil.copytree(old_out, new_out, symlinks=True)          # keeps mtimes: the state stays valid
        git(tree, "checkout", "--detach", "--quiet", base_sha, what=f"checking out {new_label}")
        if new_sha is None:
            _apply_working_tree(top, tree)
        root = _site_root(tree, site, new_label)
        new_report = build_site(root, new_out, jobs, what=new_label)
        diff = diff_sides(open_side(old_out), open_side(new_out), filters)
        diff.old_label, diff.new_label = old_rev, new_label
        return RevisionBuilds(diff, old_report, new_report)
    finally:
        if added:
            subprocess.run(["git", "-C", top, "worktree", "remove", "--force", tree], capture_output=True,
                           check=False)
        shutil.rmtree(tmp, ignore_errors=True)
        subprocess.run(["git", "-C", top, "worktree", "prune"], capture_output=True, check=False)


def _site_root(tree: str, site: str, label: str) -> str:
    root = os.path.normpath(os.path.join(tree, site))
    if not os.path.isdir(os.path.join(root, "clusters")):
        raise ReviewError(f"no site (clusters/ folder) at '{site}' in {label}")
    return root


def _apply_working_tree(top: str, tree: str) -> None:
    """Give the worktree (at HEAD) the working tree's uncommitted changes and new files."""
    listed = git(top, "ls-files", "-z", "--modified", "--others", "--exclude-standard",
                 what="listing the working tree's changes")
    for rel in sorted(set(filter(None, listed.split("\0")))):
        src, dst = os.path.join(top, rel), os.path.join(tree, rel)
        if os.path.isfile(src):
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copyfile(src, dst)
        elif not os.path.exists(src) and os.path.lexists(dst):
            os.unlink(dst)
