"""Sending the site to workers that do not share its filesystem.

By default a Dask worker reads templates at the same absolute paths as the
machine running the build (a shared filesystem, or identical checkouts).  With
shipping, the build packs every file below the directories templates are
looked up in (include paths, and the object files themselves; hidden folders
such as ``.git`` and ``.pancompiler`` and the output folder are left out) into
one compressed ``Bundle``; each worker unpacks it once into
``<tmp>/pancompiler-site-<digest>`` + the original absolute path.  A
``View`` translates paths on the way in (specs, include paths, objects handed
in) and back on the way out (sources, inputs, ``.dep`` bytes, error reports),
so what the build records and writes is the same as with a shared path.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import os
import shutil
import tarfile
import tempfile
from dataclasses import dataclass

from ..driver.session import ObjectSpec

PREFIX = "pancompiler-site-"


@dataclass(frozen=True)
class Bundle:
    digest: str
    data: bytes          # tar.gz; member names are absolute paths without the leading '/'
    files: int


def _roots(config) -> list[str]:
    dirs = set(config.options.include_path)
    for spec in config.catalog.values():
        dirs.update(spec.include_path)
    return sorted({os.path.normpath(d) for d in dirs if os.path.isdir(d)})


def pack(config, specs: list[ObjectSpec]) -> Bundle:
    """Every file a build may read, packed deterministically."""
    outdir = os.path.normpath(config.outdir)
    roots = _roots(config)
    files: set[str] = {os.path.normpath(s.path) for s in specs if os.path.isfile(s.path)}
    for root in roots:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")
                           and (os.path.join(dirpath, d) != outdir or outdir in roots)]
            files.update(os.path.join(dirpath, f) for f in filenames)
    digest = hashlib.sha256()
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz", compresslevel=6) as tar:
        for path in sorted(files):
            with open(path, "rb") as fh:
                data = fh.read()
            digest.update(path.encode() + b"\0" + hashlib.sha256(data).digest())
            info = tarfile.TarInfo(path.lstrip("/"))
            info.size = len(data)
            info.mode = 0o644
            tar.addfile(info, io.BytesIO(data))
    return Bundle(digest.hexdigest()[:24], buffer.getvalue(), len(files))


class View:
    """Paths as a worker sees them (``prefix`` + client path) and back."""

    def __init__(self, prefix: str = ""):
        self.prefix = prefix

    def _in(self, path):
        return self.prefix + path if self.prefix and isinstance(path, str) and path.startswith("/") else path

    def _out(self, value):
        if not self.prefix:
            return value
        if isinstance(value, str):
            return value.replace(self.prefix, "")
        if isinstance(value, bytes):
            return value.replace(self.prefix.encode(), b"")
        if isinstance(value, (list, tuple)):
            return type(value)(self._out(v) for v in value)
        if isinstance(value, dict):
            return {k: self._out(v) for k, v in value.items()}
        return value

    def to_worker(self, item):
        if not self.prefix:
            return item
        if isinstance(item, ObjectSpec):
            return ObjectSpec(item.name, self._in(item.path), tuple(self._in(p) for p in item.include_path))
        if hasattr(item, "catalog"):                    # a WorkConfig
            options = dataclasses.replace(item.options,
                                          include_path=[self._in(p) for p in item.options.include_path])
            catalog = {name: self.to_worker(spec) for name, spec in item.catalog.items()}
            return dataclasses.replace(item, options=options, catalog=catalog)
        # an Outcome handed in to a dependent
        lookups = {name: lk if list(lk) == ["object"] else [list(lk[0]), [self._in(p) for p in lk[1]]]
                   for name, lk in item.lookups.items()}
        dependencies = {name: (kind, self._in(path)) for name, (kind, path) in item.dependencies.items()}
        return dataclasses.replace(item, source=self._in(item.source), dependencies=dependencies,
                                   lookups=lookups)

    def to_client(self, outcome):
        if not self.prefix:
            return outcome
        error = outcome.error
        if error is not None:
            error.__dict__.update(self._out({k: v for k, v in error.__dict__.items() if k != "stack"}))
            error.args = tuple(self._out(list(error.args)))
        return dataclasses.replace(
            outcome, source=self._out(outcome.source), inputs=self._out(outcome.inputs),
            dependencies=self._out(outcome.dependencies), lookups=self._out(outcome.lookups),
            files=self._out(outcome.files))


_views: dict[str, View] = {}


def view_on_worker(bundle: Bundle | None) -> View:
    """The view for this bundle, unpacking it on first use in this process."""
    if bundle is None:
        return View()
    view = _views.get(bundle.digest)
    if view is None:
        target = os.path.join(tempfile.gettempdir(), PREFIX + bundle.digest)
        if not os.path.isdir(target):
            staging = tempfile.mkdtemp(prefix=PREFIX + "unpacking-")
            with tarfile.open(fileobj=io.BytesIO(bundle.data), mode="r:gz") as tar:
                # The 'data' filter (Python >= 3.11.4) refuses links and paths leaving the folder.
                safe = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
                tar.extractall(staging, **safe)
            try:
                os.rename(staging, target)
            except OSError:                 # another worker process of this machine was first
                shutil.rmtree(staging, ignore_errors=True)
        view = _views[bundle.digest] = View(target)
    return view


def view_for_client(outcome):
    """``outcome`` with this process's unpacked paths turned back into the build machine's."""
    for view in _views.values():
        if view.prefix and outcome.source.startswith(view.prefix):
            return view.to_client(outcome)
    return outcome


def discard(bundle: Bundle | None) -> None:
    """Remove an unpacked bundle (at the end of its build)."""
    if bundle is None:
        return
    _views.pop(bundle.digest, None)
    shutil.rmtree(os.path.join(tempfile.gettempdir(), PREFIX + bundle.digest), ignore_errors=True)
