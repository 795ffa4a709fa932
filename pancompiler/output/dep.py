"""The dependency file (``dep`` key, ``.dep``): panc's DepFormatter.

One line per source file the object used, directly or through the objects it
referenced, each ``SourceFile.toString()``: ``<name> <KIND> <uri>`` and a
newline.  panc keeps them in a ``TreeSet``, so lines are unique and sorted by
template name (Java ``String`` order), then kind in the order ``PAN``, ``TPL``,
``TEXT``, ``ABSENT_SOURCE``, ``ABSENT_TEXT``, then path; we sort by the URI
where panc compares paths (they only differ when one name was found in two
load-path directories).

The URI is not the file: it is the load-path directory the file was found in
(``SourceFile.getLocation()``: the file's URI minus ``/<name><ext>``), printed
by ``File.toURI().toASCIIString()``.  Since the directory exists, it ends
with ``/``: ``foo/bar PAN file:/abs/src/``.  An absent file prints an empty
URI, which leaves a trailing space: ``foo/missing ABSENT_SOURCE ``.
``dependency()`` and ``java_file_uri()`` build these values the way panc does.
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from urllib.parse import quote

from .model import Dependency, Profile, to_utf8

KINDS = ("PAN", "TPL", "TEXT", "ABSENT_SOURCE", "ABSENT_TEXT")
_KIND_ORDER = {kind: i for i, kind in enumerate(KINDS)}
_EXTENSIONS = {"PAN": ".pan", "TPL": ".tpl", "TEXT": ""}

# Characters java.net.URI leaves alone in a path: unreserved, punct, '/', '@'.
_URI_PATH_SAFE = "!*'(),;:$&+=/@"
_SLASHES = re.compile("/+")


@functools.lru_cache(maxsize=4096)
def java_file_uri(path: str, is_dir: bool | None = None) -> str:
    """``new File(path).toURI().toASCIIString()`` on Unix.

    ``is_dir`` says whether to add the trailing ``/``; by default the file
    system is asked, as Java does.
    """
    p = os.path.abspath(path) if not path.startswith("/") else path
    p = _SLASHES.sub("/", p)
    if len(p) > 1 and p.endswith("/"):
        p = p[:-1]
    if is_dir is None:
        is_dir = os.path.isdir(p)
    if is_dir and not p.endswith("/"):
        p += "/"
    if not p.isascii():
        p = unicodedata.normalize("NFC", p)
    return "file:" + quote(p, safe=_URI_PATH_SAFE)


def dependency(name: str, path: str | None, *, is_source: bool = True,
               is_dir: bool | None = None) -> Dependency:
    """The ``Dependency`` panc's ``SourceFile(name, isSource, path)`` prints.

    ``path`` is the absolute path of the file found for ``name`` (``None``
    when it was looked for and not found).  Source files must end in ``.pan``
    or ``.tpl``; a found file must end with ``/<name><ext>``.
    """
    if path is None:
        return Dependency(name, "ABSENT_SOURCE" if is_source else "ABSENT_TEXT", "")
    if is_source:
        if path.endswith(".tpl"):
            kind = "TPL"
        elif path.endswith(".pan"):
            kind = "PAN"
        else:
            raise ValueError(f"invalid template name: {name}")
    else:
        kind = "TEXT"
    ending = "/" + name + _EXTENSIONS[kind]
    if not path.endswith(ending):
        raise ValueError(f"template name {name} does not match its file {path}")
    location = path[: len(path) - len(ending)] or "/"
    return Dependency(name, kind, java_file_uri(location, is_dir))


def dependency_lines(dependencies: list[Dependency]) -> list[str]:
    """The ``.dep`` lines (without newlines): unique, in panc's order (names in Java String
    order, which is the order of their UTF-16 code units)."""
    cache = _line_cache
    entries = []
    for entry in {(d.name, d.kind, d.uri) for d in dependencies}:
        ordered = cache.get(entry)
        if ordered is None:
            if len(cache) >= 100_000:
                cache.clear()
            name, kind, uri = entry
            ordered = cache[entry] = (name.encode("utf-16-be"), _KIND_ORDER.get(kind, len(KINDS)), uri,
                                      f"{name} {kind} {uri}")
        entries.append(ordered)
    entries.sort()
    return [entry[3] for entry in entries]


#: (name, kind, uri) -> (sort key..., line): the objects of a site share most of their templates.
_line_cache: dict[tuple, tuple] = {}


def render_dep(profile: Profile) -> bytes:
    """Bytes of ``<object>.dep``."""
    lines = dependency_lines(profile.dependencies)
    return to_utf8("".join(line + "\n" for line in lines))
