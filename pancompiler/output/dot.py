"""The graphviz format (``dot`` key, ``.dot``): panc's DotFormatter.

A fixed header, one node per element named by its path (``"/profile/a/b"``),
one edge from each parent, and ``}`` with a newline.  The root node's label
is written ``[ label = "profile"]`` (no space before ``]``, as in panc); the
other nodes have ``[ label = "..." ]``.  A property's label is its name, the
two characters ``\\n`` and its value: strings quoted with ``'``, runs of CR/LF
replaced by one space, and when the quoted text is longer than 15 UTF-16
units it is cut to 12 units plus ``...`` (the closing quote comes after the
dots).  Nothing else is escaped, so a ``"`` or ``\\`` in a value or key goes
out as it is (panc writes such files too).
"""

from __future__ import annotations

import re

from ..runtime.values import PanDict, PanList, property_str, sorted_items
from .model import BadValue, Profile, output_error, to_utf8

HEADER = (
    'digraph "profile" {\n'
    "bgcolor = beige\n"
    "node [ color = black, shape = box, fontname=Helvetica ]\n"
    "edge [ color = black ]\n"
)

_NEWLINES = re.compile("[\n\r]+")


def _utf16_len(s: str) -> int:
    if s.isascii() or max(s) <= "\uffff":
        return len(s)
    return len(s.encode("utf-16-le", "surrogatepass")) // 2


def _utf16_prefix(s: str, units: int) -> str:
    if s.isascii() or max(s) <= "\uffff":
        return s[:units]
    # May end in half a pair, as Java's StringBuilder.setLength does.
    return s.encode("utf-16-le", "surrogatepass")[:2 * units].decode("utf-16-le", "surrogatepass")


def fix_label(s: str, quote: str) -> str:
    """panc's ``DotFormatter.fixString``."""
    text = quote + _NEWLINES.sub(" ", s)
    if _utf16_len(text) > 15:
        text = _utf16_prefix(text, 12) + "..."
    return text + quote


def _child(out: list[str], parent: str, name: str, value: object) -> None:
    path = f"{parent}/{name}"
    if isinstance(value, PanDict):
        out.append(f'"{path}" [ label = "{name}" ]\n"{parent}" -> "{path}"\n')
        for key, item in sorted_items(value):
            _child(out, path, key, item)
    elif isinstance(value, PanList):
        out.append(f'"{path}" [ label = "{name}" ]\n"{parent}" -> "{path}"\n')
        for index, item in enumerate(value):
            _child(out, path, str(index), item)
    else:
        cls = type(value)
        if cls is str:
            label = fix_label(value, "'")  # type: ignore[arg-type]
        elif cls is int or cls is float or cls is bool:
            label = fix_label(property_str(value), "")
        else:
            raise BadValue(value)
        out.append(f'"{path}" [ label = "{name}\\n{label}" ]\n"{parent}" -> "{path}"\n')


def dot_document(root: PanDict) -> str:
    """The graphviz text for a configuration tree."""
    out = [HEADER, '"/profile" [ label = "profile"]\n']
    try:
        for key, item in sorted_items(root):
            _child(out, "/profile", key, item)
    except BadValue as bad:
        raise output_error(root, bad, "dot") from None
    out.append("}\n")
    return "".join(out)


def render_dot(profile: Profile) -> bytes:
    """Bytes of ``<object>.dot``."""
    return to_utf8(dot_document(profile.root))
