"""What the previous build compiled, so a rebuild compiles only what changed.

The state lives beside the outputs in ``<outdir>/.pancompiler/state.json``
(the ``.dep`` files stay exactly as panc writes them).  It keeps a table of
every distinct input lookup (name, kind, file found, search path used), the
content hash of every input file, and for each object: the options it was
built with, the indexes of the inputs it read, one digest over those inputs'
hashes, the objects it referenced and its output files.  A file is re-hashed
only when its size or modification time changed, so checking an unchanged
site of hundreds of objects costs a few thousand ``stat`` calls.  An object is
rebuilt when an input changed, a lookup would now find another file (or
none), an output is missing or was modified, the options differ, or an object
it references is rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import os

from .writer import write_atomic

STATE_DIR = ".pancompiler"
STATE_FILE = "state.json"
FORMAT_VERSION = 2


def file_sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class BuildState:
    """Load, query and save the incremental-build state of one output folder."""

    def __init__(self, outdir: str):
        self.outdir = outdir
        self.path = os.path.join(outdir, STATE_DIR, STATE_FILE)
        self.objects: dict[str, dict] = {}
        self.inputs: list[list] = []               # [name, kind, path, lookup]
        self.files: dict[str, list] = {}          # path -> [size, mtime_ns, sha256]
        self._input_ids: dict[tuple, int] = {}
        self._lookup_ids: dict[tuple, int] = {}
        self._sha_now: dict[str, str | None] = {}
        self._resolved: dict[int, bool] = {}
        self._digest_parts: dict[int, bytes] = {}

    # ------------------------------------------------------------ loading
    def load(self) -> None:
        try:
            with open(self.path, encoding="utf-8") as fh:
                data = json.load(fh)
        except (OSError, ValueError):
            return                                  # no state or unreadable: rebuild all
        if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
            return
        self.objects = data.get("objects", {})
        self.inputs = data.get("inputs", [])
        self.files = data.get("files", {})
        self._input_ids = {self._row_key(row): i for i, row in enumerate(self.inputs)}

    def save(self) -> None:
        # Drop inputs and file hashes no object refers to any more.
        used = sorted({i for entry in self.objects.values() for i in entry.get("inputs", ())})
        remap = {old: new for new, old in enumerate(used)}
        inputs = [self.inputs[i] for i in used]
        for entry in self.objects.values():
            entry["inputs"] = [remap[i] for i in entry.get("inputs", ())]
        paths = {row[2] for row in inputs if row[2] is not None}
        files = {p: v for p, v in self.files.items() if p in paths}
        data = {"version": FORMAT_VERSION, "objects": self.objects, "inputs": inputs, "files": files}
        write_atomic(self.path, json.dumps(data, separators=(",", ":"), sort_keys=True).encode())

    # ---------------------------------------------------------- fingerprints
    def current_sha(self, path: str) -> str | None:
        """The content hash of ``path`` now, trusting size+mtime when unchanged."""
        cache = self._sha_now
        if path in cache:
            return cache[path]
        try:
            st = os.stat(path)
        except OSError:
            cache[path] = None
            return None
        known = self.files.get(path)
        if known is not None and known[0] == st.st_size and known[1] == st.st_mtime_ns:
            sha = known[2]
        else:
            try:
                sha = "dir" if os.path.isdir(path) else file_sha256(path)
            except OSError:
                sha = None
            if sha is not None:
                self.files[path] = [st.st_size, st.st_mtime_ns, sha]
        cache[path] = sha
        return sha

    def digest(self, input_ids) -> str:
        """One hash over the current content of the given inputs."""
        parts = self._digest_parts
        chunks = []
        for i in input_ids:
            part = parts.get(i)
            if part is None:
                path = self.inputs[i][2]
                # current_sha is fixed for the build once asked, so the part can be kept.
                part = parts[i] = (b"-" if path is None else (self.current_sha(path) or "gone").encode()) + b"\0"
            chunks.append(part)
        return hashlib.sha256(b"".join(chunks)).hexdigest()

    def _lookup_id(self, lookup) -> int:
        """A small number for a lookup record: row keys hold it, so looking a row up hashes
        three strings and an int, not the include path again (600 rows a node)."""
        key = _lookup_key(lookup)
        found = self._lookup_ids.get(key)
        if found is None:
            found = self._lookup_ids[key] = len(self._lookup_ids)
        return found

    def _row_key(self, row) -> tuple:
        """A hashable key for an input row [name, kind, path, lookup]."""
        name, kind, path, lookup = row
        return (name, kind, path, self._lookup_id(lookup))

    def input_id(self, row: list) -> int:
        key = self._row_key(row)
        i = self._input_ids.get(key)
        if i is None:
            i = self._input_ids[key] = len(self.inputs)
            self.inputs.append(row)
        return i

    # -------------------------------------------------------------- queries
    def dirty_reason(self, name: str, options_key: str, source: str, outputs: list[str],
                     resolve) -> str | None:
        """Why ``name`` must be rebuilt, or None when it is up to date.

        ``resolve(name, kind, lookup)`` repeats a recorded lookup now and
        returns the file it finds (or None).
        """
        entry = self.objects.get(name)
        if entry is None:
            return "not built before"
        if not entry.get("ok"):
            return "failed last time"
        if entry.get("options") != options_key:
            return "options changed"
        if entry.get("source") != source:
            return "source moved"
        recorded = entry.get("outputs", {})
        for rel in outputs:
            rec = recorded.get(rel)
            if rec is None:
                return f"new output {rel}"
            try:
                st = os.stat(os.path.join(self.outdir, rel))
            except OSError:
                return f"output {rel} missing"
            if st.st_size != rec[0] or st.st_mtime_ns != rec[1]:
                return f"output {rel} modified"
        for i in entry.get("inputs", ()):
            ok = self._resolved.get(i)
            if ok is None:
                dep, kind, path, lookup = self.inputs[i]
                ok = self._resolved[i] = resolve(dep, kind, lookup) == path
            if not ok:
                return f"{self.inputs[i][0]} now resolves differently"
        if self.digest(entry.get("inputs", ())) != entry.get("digest"):
            changed = [self.inputs[i][0] for i in entry.get("inputs", ())
                       if self.inputs[i][2] is not None and self._changed(i)]
            return f"changed: {', '.join(changed[:3]) or 'inputs'}"
        return None

    def _changed(self, i: int) -> bool:
        path = self.inputs[i][2]
        known = self.files.get(path)
        return known is None or self.current_sha(path) != known[2]

    def referenced_objects(self, name: str) -> list[str]:
        return self.objects.get(name, {}).get("objects", [])

    # --------------------------------------------------------------- update
    def record(self, name: str, *, options_key: str, source: str, inputs, objects,
               outputs: dict) -> None:
        """Remember a successful build of ``name``."""
        # Hashes taken before the build (when checked) are kept, so an edit
        # made while building is seen as a change next time.
        # Rows share their lookup lists (one per distinct lookup): key each once, then map the
        # rows to ids in C (this ran for 600 rows per object in the parent, beside the workers).
        lookup_ids = {id(row[3]): row[3] for row in inputs}
        lookup_ids = {ident: self._lookup_id(lookup) for ident, lookup in lookup_ids.items()}
        keys = [(row[0], row[1], row[2], lookup_ids[id(row[3])]) for row in inputs]
        ids = list(map(self._input_ids.get, keys))
        if None in ids:
            for index, i in enumerate(ids):
                if i is None:
                    ids[index] = self.input_id(list(inputs[index]))
        self.objects[name] = {
            "ok": True, "options": options_key, "source": source, "inputs": ids,
            "digest": self.digest(ids), "objects": sorted(objects), "outputs": outputs,
        }

    def restamp_outputs(self, names) -> None:
        """Record the current size and mtime of the outputs of ``names``."""
        for name in names:
            outputs = self.objects.get(name, {}).get("outputs", {})
            for rel in list(outputs):
                try:
                    outputs[rel] = output_stamp(self.outdir, rel)
                except OSError:
                    del outputs[rel]

    def record_failure(self, name: str) -> None:
        entry = self.objects.setdefault(name, {})
        entry["ok"] = False

    def forget(self, name: str) -> dict:
        return self.objects.pop(name, {})


def _lookup_key(lookup) -> tuple:
    return tuple(tuple(x) if isinstance(x, list) else x for x in lookup)


def output_stamp(outdir: str, rel: str) -> list:
    st = os.stat(os.path.join(outdir, rel))
    return [st.st_size, st.st_mtime_ns]
