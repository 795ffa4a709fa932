"""A persistent cache of parsed templates, keyed by the content of each file.

``TemplateCache(folder).parse(path)`` returns the same ``ast.Template`` as
``syntax.parser.parse_file(path)``, from ``folder`` when a file with the same
bytes was parsed before (by this build, an earlier one, or another machine
whose folder was restored).  An entry's name is the SHA-256 of the compiler's
*syntax version* and the file's bytes: the version digests the pancompiler
version, the Python version and the source of the lexer, parsers, AST and this
module, so any change to how text becomes a tree invalidates every entry.  The
path is not part of the key: the tree is re-attached to the file it was read
from.  Entries are written to a temporary file and renamed, so concurrent
writers and readers never see half an entry; an entry that cannot be read or
decoded is ignored (and rewritten), never an error.  Files with syntax errors
are not cached.

An entry holds the tree as nested tuples in ``marshal`` format, about twice
as fast to load as to parse the text (Python's ``pickle`` of the same tree is
slower than parsing).  Compiled templates (closures) cannot be stored; they are
rebuilt from the tree in each process.
"""

from __future__ import annotations

import dataclasses
import hashlib
import marshal
import os
import sys
import tempfile

from .. import __version__
from ..runtime.values import NULL, UNDEF
from ..source import SourceFile, Span
from ..syntax import ast
from ..syntax.parser import parse_file, parse_text

MAGIC = b"pancompiler-ast-1\n"
_CLASSES = [c for c in vars(ast).values()
            if isinstance(c, type) and dataclasses.is_dataclass(c) and c.__module__ == ast.__name__]
_INDEX = {c: i for i, c in enumerate(_CLASSES)}
_FIELDS = [tuple(f.name for f in dataclasses.fields(c)) for c in _CLASSES]
_SPAN, _UNDEF, _NULL, _SOURCE, _TUPLE = -1, -2, -3, -4, -5
_version: str | None = None


def syntax_version() -> str:
    """A digest of everything that decides the tree a text parses to."""
    global _version
    if _version is None:
        digest = hashlib.sha256(f"{__version__}:{sys.version_info[:2]}".encode())
        syntax_dir = os.path.dirname(ast.__file__)
        files = [os.path.join(syntax_dir, n) for n in sorted(os.listdir(syntax_dir))
                 if n.endswith((".py", ".lark"))]
        for path in files + [__file__, os.path.join(os.path.dirname(syntax_dir), "source.py")]:
            with open(path, "rb") as fh:
                digest.update(fh.read())
        _version = digest.hexdigest()[:16]
    return _version


class TemplateCache:
    """Parsed templates stored under ``folder``; counts hits, misses and bad entries."""

    def __init__(self, folder: str):
        self.folder = folder
        self.hits = 0
        self.misses = 0
        self.ignored = 0

    def entry_path(self, data: bytes) -> str:
        key = hashlib.sha256(syntax_version().encode() + b"\0" + data).hexdigest()
        return os.path.join(self.folder, key[:2], key + ".ast")

    def parse(self, path: str) -> ast.Template:
        """The tree of the template file ``path`` (parsed, or loaded from the cache)."""
        try:
            with open(path, "rb") as fh:
                data = fh.read()
            text = data.decode("utf-8")
        except (OSError, UnicodeDecodeError):
            return parse_file(path)         # reports the error as it always does
        source = SourceFile(os.path.abspath(path), text)
        entry = self.entry_path(data)
        tree = self._load(entry, source)
        if tree is not None:
            self.hits += 1
            return tree
        self.misses += 1
        tree = parse_text(text, source)
        self._store(entry, tree)
        return tree

    def _load(self, entry: str, source: SourceFile) -> ast.Template | None:
        try:
            with open(entry, "rb") as fh:
                blob = fh.read()
        except OSError:
            return None
        try:
            if not blob.startswith(MAGIC):
                raise ValueError("not a cache entry")
            tree = _decode(marshal.loads(blob[len(MAGIC):]), source)
            if type(tree) is not ast.Template:
                raise ValueError("not a template")
            return tree
        except Exception:  # noqa: BLE001 - any damage to an entry means: parse again
            self.ignored += 1
            return None

    def _store(self, entry: str, tree: ast.Template) -> None:
        try:
            blob = MAGIC + marshal.dumps(_encode(tree))
            folder = os.path.dirname(entry)
            os.makedirs(folder, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=folder)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(blob)
                os.replace(tmp, entry)
            except BaseException:
                os.unlink(tmp)
                raise
        except (OSError, ValueError, RecursionError):
            pass                    # a cache that cannot be written is only slower


def _encode(value):
    cls = type(value)
    if cls is Span:
        return (_SPAN, value.line, value.col, value.end_line, value.end_col)
    if cls is list:
        return [_encode(v) for v in value]
    index = _INDEX.get(cls)
    if index is not None:
        return (index,) + tuple(_encode(getattr(value, f)) for f in _FIELDS[index])
    if value is UNDEF:
        return (_UNDEF,)
    if value is NULL:
        return (_NULL,)
    if cls is SourceFile:
        return (_SOURCE,)
    if cls is tuple:
        return (_TUPLE, [_encode(v) for v in value])
    if cls in (str, int, float, bool) or value is None:
        return value
    raise ValueError(f"cannot store {cls.__name__} in the template cache")


def _decode(data, source: SourceFile):
    classes = _CLASSES

    def decode(value):
        cls = type(value)
        if cls is tuple:
            tag = value[0]
            if tag >= 0:
                return classes[tag](*[decode(v) for v in value[1:]])
            if tag == _SPAN:
                return Span(source, value[1], value[2], value[3], value[4])
            if tag == _UNDEF:
                return UNDEF
            if tag == _NULL:
                return NULL
            if tag == _SOURCE:
                return source
            return tuple(decode(v) for v in value[1])
        if cls is list:
            return [decode(v) for v in value]
        return value

    return decode(data)


__all__ = ["TemplateCache", "syntax_version"]
