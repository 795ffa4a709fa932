"""Pan paths and terms: parsing ``/a/b/0``, ``obj:/x``, ``a/{esc}`` and keys.

A path is absolute (``/a/b``), relative (``a/b``, only after ``prefix`` or in
structure templates) or external (``object:/a/b``).  Each term is a dict key
(``str``) or a list index (``int``); ``{...}`` segments are escaped with
``escape()``.  ``term_from_value`` turns a DML index (a string or a long) into
a term with panc's checks.  Errors are raised as ``PathError`` (a ValueError)
carrying panc's message; callers decide whether that is a syntax or an
evaluation error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .values import type_name

INT_MAX = (1 << 31) - 1
INT_MIN = -(1 << 31)

_INDEX = re.compile(r"-?[0-9]+")
_LEADING_ZEROS = re.compile(r"-?0[0-9]+")
_HEX2 = re.compile(r"[0-9a-fA-F]{2}")
_ALNUM = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_KEY = re.compile(r"\w[\w+\-.]*", re.ASCII)
_VALID_BRACES = re.compile(r"(?:[^{}]*+(?:\{[^{}]*\})?)*")
_TEMPLATE_NAME = re.compile(r"[\w+.\-]+(?:/[\w+.\-]+)*", re.ASCII)


class PathError(ValueError):
    """A malformed path, term or key; the message is panc's."""


def escape(s: str) -> str:
    """panc's escape(): non-alphanumerics (and a leading digit) as _xx."""
    if s == "":
        return "_"
    if _ALNUM.fullmatch(s):
        return s
    out = []
    for i, ch in enumerate(s):
        c = ord(ch)
        if c >= 256:
            raise PathError(f"string contains character which cannot be escaped: {c:x}")
        if ch.isascii() and ch.isalpha() or (i != 0 and ch.isascii() and ch.isdigit()):
            out.append(ch)
        else:
            out.append(f"_{c:02x}")
    return "".join(out)


def unescape(s: str) -> str:
    """panc's unescape(): the inverse of escape()."""
    if s == "_":
        return ""
    out = []
    i, n = 0, len(s)
    while i < n:
        ch = s[i]
        if ch != "_":
            out.append(ch)
            i += 1
            continue
        if i + 2 < n:
            hexpart = s[i + 1:i + 3]
            if not _HEX2.fullmatch(hexpart):
                raise PathError(f"string contains invalid escape sequence: {hexpart}")
            out.append(chr(int(hexpart, 16)))
            i += 3
        else:
            raise PathError("string contains incomplete escape sequence")
    return "".join(out)


def term_from_string(term: str):
    """A path term from its text: an int index or a str key."""
    if len(term) >= 2 and term[0] == "{" and term[-1] == "}":
        term = escape(term[1:-1])
    if term == "":
        raise PathError("empty string cannot be used as a path term or nlist key")
    if _INDEX.fullmatch(term):
        if _LEADING_ZEROS.fullmatch(term):
            raise PathError(f"index cannot start with leading zero(s): '{term}'")
        value = int(term)
        if not -(1 << 63) <= value < (1 << 63):        # Long.decode fails in panc
            raise PathError(f"path term or nlist key cannot start with a digit: '{term}'")
        return check_index(value)
    if _KEY.fullmatch(term):
        return term
    raise PathError(f"invalid path term or nlist key: '{term}'")


def check_index(index: int) -> int:
    if index > INT_MAX:
        raise PathError(f"index ({index:,}) exceeds largest permitted value ({INT_MAX:,})")
    if index < INT_MIN:
        raise PathError(f"index ({index:,}) below smallest permitted value ({INT_MIN:,})")
    return index


def term_from_value(value):
    """A term from a DML value used as an index (string or long)."""
    cls = type(value)
    if cls is str:
        return term_from_string(value)
    if cls is int:
        return check_index(value)
    raise PathError(f"element of type {type_name(value)} is not a valid index")


_name_verdicts: dict[str, bool] = {}


def is_valid_template_name(name: str) -> bool:
    """panc's template-name rule; verdicts are remembered, as every include
    checks its name (a dict look-up instead of a regex and a split per include)."""
    verdict = _name_verdicts.get(name)
    if verdict is None:
        verdict = _check_template_name(name)
        if len(_name_verdicts) >= 100_000:        # computed names: stay bounded
            _name_verdicts.clear()
        _name_verdicts[name] = verdict
    return verdict


def _check_template_name(name: str) -> bool:
    if not name or name.startswith("/") or name.endswith("/"):
        return False
    if not _TEMPLATE_NAME.fullmatch(name):
        return False
    return all(part and not part.startswith(".") for part in name.split("/"))


# Not frozen=True: a frozen dataclass's __init__ sets each field through
# object.__setattr__, which made building a Path cost three Spans (a path is
# built for each of the 114,000 distinct statement paths of the flat
# workload).  Paths are still never modified, and hash by value.
@dataclass(slots=True, unsafe_hash=True)
class Path:
    """A parsed pan path (not to be modified: paths are shared and hashed)."""

    kind: str                 # "absolute", "relative" or "external"
    terms: tuple
    authority: str | None = None

    def __str__(self) -> str:
        body = "/".join(str(t) for t in self.terms)
        if self.kind == "absolute":
            return "/" + body
        if self.kind == "external":
            return f"{self.authority}:/{body}"
        return body

    @property
    def is_absolute(self) -> bool:
        return self.kind == "absolute"

    def child(self, term) -> "Path":
        return Path(self.kind, self.terms + (term,), self.authority)


def _expand_braces(text: str) -> str:
    if "{" not in text and "}" not in text:
        return text
    if not _VALID_BRACES.fullmatch(text):
        raise PathError(f"path '{text}' contains mismatched or nested braces")
    parts = re.split(r"[{}]", text)
    return "".join(p if i % 2 == 0 else escape(p) for i, p in enumerate(parts))


# Parsed paths and terms by text.  A large template repeats the same path
# pieces thousands of times ('/software/components/...', keys under a prefix):
# looking a piece up here instead of matching it again halved the paths'
# share of compiling the large flat templates (benchmarks/gen_flat.py).
# Only successes are kept; both are per-process and never invalidated
# (a text always parses the same way).
_path_cache: dict[tuple[str, bool], Path] = {}
_term_cache: dict[str, object] = {}


def parse_path(text: str, allow_all_relative: bool = False) -> Path:
    """Parse a path literal (after ``${VAR}`` substitution, if any).

    ``allow_all_relative`` accepts a relative path whose first term is an
    index (after ``prefix`` and in structure templates).
    """
    key = (text, allow_all_relative)
    path = _path_cache.get(key)
    if path is None:
        path = _parse_path(text, allow_all_relative)
        _path_cache[key] = path
    return path


def _parse_path(text: str, allow_all_relative: bool) -> Path:
    expanded = _expand_braces(text)
    authority = None
    if ":" in expanded:
        kind = "external"
        authority, _, rest = expanded.partition(":")
        if rest.startswith("/"):
            rest = rest[1:]
        if not is_valid_template_name(authority):
            raise PathError(f"invalid authority ({authority}) in path")
    elif expanded.startswith("/"):
        kind = "absolute"
        rest = expanded[1:]
    else:
        kind = "relative"
        rest = expanded
    terms: tuple = ()
    if rest:
        pieces = rest.split("/")
        while pieces and pieces[-1] == "":      # Java's split drops trailing empties
            pieces.pop()
        known = _term_cache.get
        terms = tuple([term if (term := known(p)) is not None else _new_term(p) for p in pieces])
    if kind == "relative" and not terms:
        raise PathError("relative path must have at least one term")
    if terms and not (kind == "relative" and allow_all_relative) and type(terms[0]) is int:
        raise PathError("first term in path must be a key, not an index")
    return Path(kind, terms, authority)


def _new_term(piece: str):
    term = _term_cache[piece] = term_from_string(piece)
    return term


def path_str(terms) -> str:
    return "/" + "/".join(str(t) for t in terms)
