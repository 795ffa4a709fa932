"""Writing values safely into xl.cfg and grub files, and safe file names.

``xl_value`` is the ``xl`` template filter: integers as decimals, strings in
single quotes (double quotes when the text holds a ``'``; backslashes doubled,
since libxlu reads backslash escapes in both), lists as ``[ 'a', 'b' ]``.  It
refuses, with ``UnsafeValue``, control characters and a string holding both
kinds of quote.  ``grub_word`` / ``grub_args`` quote for GRUB 2's shell-like
``grub.cfg`` (single quotes, ``'\\''`` for a quote inside) when a word needs
it, ``grub_quoted`` always does (menu titles), and ``grub_line`` passes text
to legacy ``menu.lst`` (which has no quoting) after refusing control
characters.  ``name_problem`` says why a name cannot be a file name in
the output folder (it could leave it, or break the file's syntax), or None.
"""

from __future__ import annotations

import re

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_GRUB_PLAIN = re.compile(r"[A-Za-z0-9_./,:=+@%^-]+")


class UnsafeValue(ValueError):
    """A value that the target syntax cannot represent."""


def _refuse_control(text: str) -> None:
    match = _CONTROL.search(text)
    if match:
        raise UnsafeValue(f"{text!r} contains the control character {match.group()!r}")


def xl_string(text: str) -> str:
    _refuse_control(text)
    body = text.replace("\\", "\\\\")
    if "'" not in text:
        return f"'{body}'"
    if '"' not in text:
        return f'"{body}"'
    raise UnsafeValue(f"{text!r} contains both ' and \"")


def xl_value(value: object) -> str:
    """A value written as xl.cfg(5) expects it."""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return xl_string(value)
    if isinstance(value, (list, tuple)):
        return "[ " + ", ".join(xl_value(v) for v in value) + " ]" if value else "[]"
    raise UnsafeValue(f"{value!r} has no xl.cfg form")


def grub_line(text: object) -> str:
    """Text for a legacy ``menu.lst`` line: anything but control characters."""
    value = str(text)
    _refuse_control(value)
    return value


def grub_word(text: object) -> str:
    """One word of ``grub.cfg``: as it is when plain, else in single quotes."""
    value = grub_line(text)
    if _GRUB_PLAIN.fullmatch(value):
        return value
    return "'" + value.replace("'", "'\\''") + "'"


def grub_quoted(text: object) -> str:
    """Text always in single quotes for ``grub.cfg`` (a menu entry's title)."""
    return "'" + grub_line(text).replace("'", "'\\''") + "'"


def grub_args(text: object) -> str:
    """A command line for ``grub.cfg``: each whitespace-separated word quoted as needed."""
    return " ".join(grub_word(w) for w in grub_line(text).split())


def name_problem(name: str) -> str | None:
    """Why ``name`` cannot name a file or directory in the output, or None if it can."""
    if not name:
        return "is empty"
    if _CONTROL.search(name):
        return "contains a control character"
    for bad, what in (("/", "'/'"), ("\\", "a backslash"), ("'", "a quote"), ('"', "a quote")):
        if bad in name:
            return f"contains {what}"
    if any(c.isspace() for c in name):
        return "contains whitespace"
    if ".." in name:
        return "contains '..'"
    if not _SAFE_NAME.fullmatch(name):
        return "is not made of letters, digits, '.', '_' and '-' (starting with a letter or digit)"
    return None
