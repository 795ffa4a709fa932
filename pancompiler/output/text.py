"""The text tree format (CLI key ``text``, suffix ``.txt``): panc's TxtFormatter.

One line per element, indented two spaces per level, ``\\n`` line ends
(``printf("%n")`` on Unix):

* a resource: ``<indent>+-<name>``, its children one level deeper;
* a property: ``<indent>$ <name> : (<type>) '<value>'``, the value as Java's
  ``toString`` writes it, with nothing escaped (a newline in a string starts a
  new physical line).

The root is named ``profile``; list children are named by their index.  The
last line ends with a newline.  Note the CLI key is ``text`` although the
suffix is ``.txt``; ``txt`` is not a key panc accepts.
"""

from __future__ import annotations

from ..runtime.values import PanDict, PanList, property_str, sorted_items
from .model import BadValue, Profile, output_error, to_utf8

_TYPES = {str: "string", int: "long", float: "double", bool: "boolean"}


def _write(out: list[str], value: object, level: int, name: str) -> None:
    pad = "  " * level
    kind = _TYPES.get(type(value))
    if kind is not None:
        out.append(f"{pad}$ {name} : ({kind}) '{property_str(value)}'\n")
    elif isinstance(value, PanDict):
        out.append(f"{pad}+-{name}\n")
        for key, item in sorted_items(value):
            _write(out, item, level + 1, key)
    elif isinstance(value, PanList):
        out.append(f"{pad}+-{name}\n")
        for index, item in enumerate(value):
            _write(out, item, level + 1, str(index))
    else:
        raise BadValue(value)


def text_document(root: PanDict) -> str:
    """The text-format tree for a configuration tree."""
    out: list[str] = []
    try:
        _write(out, root, 0, "profile")
    except BadValue as bad:
        raise output_error(root, bad, "text") from None
    return "".join(out)


def render_text(profile: Profile) -> bytes:
    """Bytes of ``<object>.txt``."""
    return to_utf8(text_document(profile.root))
