"""Java behaviour that pan builtins expose: regexes, split, replaceAll, UTF-16.

panc hands pan strings to ``java.util.regex``; Python's ``re`` differs in
syntax (``\\p{..}``, ``\\Q..\\E``, class intersection ``[a-z&&[^e]]``, ``(?<name>``,
inline flags anywhere) and in meaning (Java's ``\\d \\w \\s`` are ASCII, ``.``
and ``$`` know ``\\r`` and ``\\u2028`` as line ends, ``(?i)`` is ASCII-only unless
``u``).  ``compile_java_regex`` translates a Java pattern into an equivalent
Python one, with Java's error messages for invalid patterns, and caches the
result.  ``java_find_iter``, ``java_split`` and ``java_replace_all`` reproduce
``Matcher.find``, ``Pattern.split`` and ``Matcher.replaceAll`` (with Java's
``$1``/``\\$`` replacement syntax).  The UTF-16 helpers give Java's string
lengths and indexes for strings with characters beyond the BMP.
"""

from __future__ import annotations

import re

from .javaregex import (CASE_INSENSITIVE, COMMENTS, DOTALL, MULTILINE, UNICODE_CASE,  # noqa: F401
                        UNICODE_CLASS, UNIX_LINES, JavaRegexError, translate)

# The flags pan's match()/matches() accept as their third argument.
PAN_MATCH_FLAGS = {"i": CASE_INSENSITIVE, "s": DOTALL, "m": MULTILINE, "u": UNICODE_CASE,
                   "x": COMMENTS}


class JavaReplacementError(ValueError):
    """An invalid replacement string for Matcher.replaceAll."""


def match_flags(text: str) -> int:
    """Pan's match flags ("ims...") as bits; ValueError(char) for a bad one."""
    bits = 0
    for c in text:
        bit = PAN_MATCH_FLAGS.get(c)
        if bit is None:
            raise ValueError(c)
        bits |= bit
    return bits


_CACHE: dict = {}


def compile_java_regex(regex: str, flags: int = 0) -> re.Pattern:
    """The Python equivalent of ``Pattern.compile(regex, flags)`` (cached).

    Raises ``JavaRegexError`` with Java's message when the pattern is invalid.
    """
    key = (regex, flags)
    found = _CACHE.get(key)
    if found is not None:
        if isinstance(found, JavaRegexError):
            raise found
        return found
    try:
        text = translate(regex, flags)
        try:
            found = re.compile(text)
        except re.error as exc:
            found = JavaRegexError(str(exc), regex, -1)
    except JavaRegexError as exc:
        found = exc
    if len(_CACHE) > 5000:
        _CACHE.clear()
    _CACHE[key] = found
    if isinstance(found, JavaRegexError):
        raise found
    return found


# --------------------------------------------------------------- matching

def java_find_iter(pattern: re.Pattern, s: str):
    """Successive matches as Java's Matcher.find() returns them."""
    search = pattern.search
    pos, n = 0, len(s)
    while pos <= n:
        m = search(s, pos)
        if m is None:
            return
        yield m
        start, end = m.span()
        pos = end + 1 if end == start else end


def java_split(pattern: re.Pattern, s: str, limit: int) -> list[str]:
    """Java's Pattern.split(input, limit)."""
    index = 0
    limited = limit > 0
    out: list[str] = []
    for m in java_find_iter(pattern, s):
        start, end = m.span()
        if not limited or len(out) < limit - 1:
            if index == 0 and start == 0 and start == end:
                continue
            out.append(s[index:start])
            index = end
        elif len(out) == limit - 1:
            out.append(s[index:])
            index = end
            break
    if index == 0:
        return [s]
    if not limited or len(out) < limit:
        out.append(s[index:])
    if limit == 0:
        while out and out[-1] == "":
            out.pop()
    return out


_REPL_CACHE: dict = {}


def _parse_replacement(repl: str, pattern: re.Pattern) -> list:
    """Java's replacement syntax as a list of literal strings and group numbers."""
    key = (repl, pattern.groups, tuple(pattern.groupindex.items()))
    found = _REPL_CACHE.get(key)
    if found is not None:
        return found
    groups = pattern.groups
    parts: list = []
    lit: list[str] = []
    i, n = 0, len(repl)
    while i < n:
        c = repl[i]
        if c == "\\":
            i += 1
            if i == n:
                raise JavaReplacementError("character to be escaped is missing")
            lit.append(repl[i])
            i += 1
        elif c == "$":
            i += 1
            if i == n:
                raise JavaReplacementError("Illegal group reference: group index is missing")
            c = repl[i]
            if c == "{":
                i += 1
                start = i
                while i < n and repl[i].isascii() and repl[i].isalnum():
                    i += 1
                name = repl[start:i]
                if not name:
                    raise JavaReplacementError("named capturing group has 0 length name")
                if i == n or repl[i] != "}":
                    raise JavaReplacementError("named capturing group is missing trailing '}'")
                if name[0].isdigit():
                    raise JavaReplacementError(f"capturing group name {{{name}}} starts with digit")
                if name not in pattern.groupindex:
                    raise JavaReplacementError(f"No group with name {{{name}}}")
                ref = pattern.groupindex[name]
                i += 1
            else:
                if not ("0" <= c <= "9"):
                    raise JavaReplacementError("Illegal group reference")
                ref = int(c)
                i += 1
                while i < n and "0" <= repl[i] <= "9":
                    candidate = ref * 10 + int(repl[i])
                    if candidate > groups:
                        break
                    ref = candidate
                    i += 1
                if ref > groups:
                    raise JavaReplacementError(f"No group {ref}")
            if lit:
                parts.append("".join(lit))
                lit = []
            parts.append(ref)
        else:
            lit.append(c)
            i += 1
    if lit:
        parts.append("".join(lit))
    if len(_REPL_CACHE) > 2000:
        _REPL_CACHE.clear()
    _REPL_CACHE[key] = parts
    return parts


def java_replace_all(pattern: re.Pattern, s: str, repl: str) -> str:
    """Java's Matcher.replaceAll; JavaReplacementError for a bad replacement."""
    out: list[str] = []
    last = 0
    parts = None
    for m in java_find_iter(pattern, s):
        if parts is None:
            parts = _parse_replacement(repl, pattern)
        start, end = m.span()
        out.append(s[last:start])
        for part in parts:
            if type(part) is str:
                out.append(part)
            else:
                g = m.group(part)
                if g is not None:
                    out.append(g)
        last = end
    if parts is None:
        return s
    out.append(s[last:])
    return "".join(out)


# ---------------------------------------------------------------- UTF-16

def is_bmp(s: str) -> bool:
    """True when Java's UTF-16 indexes equal Python's (no astral characters)."""
    return s.isascii() or max(s) <= "\uffff"


def utf16_len(s: str) -> int:
    """Java's String.length()."""
    if is_bmp(s):
        return len(s)
    return len(s) + sum(1 for c in s if c > "\uffff")


def to_utf16(s: str) -> str:
    """Split astral characters into surrogate pairs (Java's char view)."""
    if is_bmp(s):
        return s
    return "".join(c if c <= "\uffff" else chr(0xD800 + ((ord(c) - 0x10000) >> 10))
                   + chr(0xDC00 + ((ord(c) - 0x10000) & 0x3FF)) for c in s)


def from_utf16(s: str) -> str:
    """Join surrogate pairs back into characters; lone surrogates stay."""
    if is_bmp(s) and not any("\ud800" <= c <= "\udfff" for c in s):
        return s
    return s.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def java_string_hash(s: str) -> int:
    """Java's String.hashCode() as an unsigned 32-bit value."""
    h = 0
    for c in to_utf16(s):
        h = (31 * h + ord(c)) & 0xFFFFFFFF
    return h
