"""What the formatters consume and share: the profile, its dependencies, errors.

A ``Profile`` is a finished object: its name, its root dict and the source
files it depends on.  ``Format`` pairs a ``--formats`` key with the file
suffix and the pure function that renders a profile to bytes.  This module also
holds the small helpers every formatter needs: the error raised when an
``undef``/``null`` reaches output (with the configuration path where it sits)
and ``to_utf8``, which encodes like Java's UTF-8 ``OutputStreamWriter`` (a
well-formed surrogate pair becomes one 4-byte sequence, a lone surrogate ``?``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..errors import EvaluationError
from ..runtime.values import NULL, UNDEF, PanDict, PanList, sorted_items


@dataclass(slots=True)
class Dependency:
    """One line of the ``.dep`` file: ``name KIND uri``.

    ``uri`` is printed as given.  panc prints the *load-path directory* the
    file was found in (``SourceFile.getLocation()``), not the file itself, as
    ``File.toURI().toASCIIString()``: ``file:/abs/include/dir/``.  Use
    ``pancompiler.output.dep.dependency`` to build one the way panc does, and
    ``""`` for the two ``ABSENT_*`` kinds.
    """

    name: str
    kind: str   # "PAN", "TPL", "TEXT", "ABSENT_SOURCE", "ABSENT_TEXT"
    uri: str


@dataclass(slots=True)
class Profile:
    """A finished object template: what every formatter renders."""

    name: str                   # object template name, may contain '/'
    root: PanDict
    dependencies: list[Dependency]


@dataclass(frozen=True)
class Format:
    """An output format: CLI key, file suffix (with its dot) and renderer."""

    key: str
    suffix: str
    render: Callable[[Profile], bytes]


class OutputError(EvaluationError):
    """A value that cannot be written (``undef``/``null``) was met in output."""


class BadValue(Exception):
    """Internal signal from a formatter's walk; turned into ``OutputError``."""

    def __init__(self, value: object) -> None:
        super().__init__(value)
        self.value = value


def find_path(root: object, target: object) -> str | None:
    """The configuration path of the first ``target`` (by identity) under root."""
    stack: list[tuple[str, object]] = [("", root)]
    while stack:
        path, node = stack.pop()
        if node is target:
            return path or "/"
        if isinstance(node, PanDict):
            for k, v in reversed(sorted_items(node)):
                stack.append((f"{path}/{k}", v))
        elif isinstance(node, PanList):
            for i in range(len(node) - 1, -1, -1):
                stack.append((f"{path}/{i}", node[i]))
    return None


def output_error(root: object, bad: BadValue, what: str) -> OutputError:
    """Build the error for a value that a formatter could not write."""
    value = bad.value
    if value is UNDEF:
        kind = "undef"
    elif value is NULL:
        kind = "null"
    else:
        kind = type(value).__name__
    path = find_path(root, value)
    msg = f"{kind} value cannot be written to {what} output"
    if path is not None:
        msg += f" (element path: '{path}')"
    return OutputError(msg, path=path)


def to_utf8(text: str) -> bytes:
    """Encode as Java's UTF-8 writer does; fast when the text is well formed."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        # Join surrogate pairs stored as two code points, then let the lone
        # ones become '?', which is the replacement Java's encoder writes.
        joined = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
        return joined.encode("utf-8", "replace")


def join_surrogates(text: str) -> str:
    """Combine surrogate pairs held as two code points into one character."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
