"""The pan XML format (``pan``/``xml`` keys, ``.xml``): panc's PanFormatter.

panc feeds SAX events to the JDK's built-in identity transformer (XSLTC's
``ToXMLStream``) with ``indent="yes"`` and ``indent-number`` 4; this module
writes the same bytes directly.  What that serializer does, as read in the
OpenJDK 9+ sources and checked against OpenJDK 17:

* The declaration is ``<?xml version="1.0" encoding="UTF-8"?>`` with *no*
  newline after it: the root start tag follows on the same line (the JDK only
  breaks the line when ``standalone`` or a doctype is set).  The document ends
  with a newline.
* Each child element starts on a new line indented 4 spaces per depth.  An
  element with no content is written ``<tag attrs/>``; this includes an empty
  string (SAX ``characters`` with length 0 writes nothing).  A property's text
  stays on the line of its tags.  A resource's end tag goes on its own line.
* Text: ``&`` ``<`` ``>`` become ``&amp;`` ``&lt;`` ``&gt;``; ``"``, ``'``, tab
  and newline are written as they are; CR becomes ``&#13;``; U+007F-U+009F
  become ``&#127;``...``&#159;``; characters beyond the BMP become one decimal
  reference of the code point (``&#128512;``), because the serializer asks
  whether a lone high surrogate is "in the encoding".  Other characters,
  U+2028 included, are written as UTF-8.
* Attributes (only dict keys, which pan restricts to ``\\w[\\w+.-]*``): ``&``
  ``<`` ``>`` ``"`` become entities, tab/LF/CR ``&#9;``/``&#10;``/``&#13;``,
  other C0 controls and non-BMP characters decimal references; C1 controls
  are written as they are.
* A string holding a character XML 1.0 forbids (anything but tab, LF, CR,
  U+0020-U+D7FF, U+E000-U+FFFD, U+10000-U+10FFFF; lone surrogates included)
  is written as the base64 of its UTF-8 bytes with ``encoding="base64"``
  after ``name``.  panc's Base64 (Harder's 2.1) breaks the text with ``\\n``
  after every 76 characters that end a full 3-byte group, so the text ends
  with ``\\n`` when the byte count is a multiple of 57.

Assumptions: a Java 9 or later runtime on a platform whose line separator is
``\\n`` (Java 8's Xalan differs in C1, U+2028 and non-BMP handling).
"""

from __future__ import annotations

import base64
import re

from ..runtime.values import PanDict, PanList, java_double_str, sorted_items
from .model import BadValue, Profile, join_surrogates, output_error, to_utf8

XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'

_INVALID_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_TEXT_DIRTY = re.compile("[&<>\r\x7f-\x9f\U00010000-\U0010ffff]")
_ATTR_DIRTY = re.compile('[&<>"\x00-\x1f\U00010000-\U0010ffff]')
_SURROGATE = re.compile("[\ud800-\udfff]")

_TEXT_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_ATTR_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}

_INDENT = 4


def _text_ref(match: re.Match[str]) -> str:
    c = match.group()
    return _TEXT_ENTITIES.get(c) or f"&#{ord(c)};"


def _attr_ref(match: re.Match[str]) -> str:
    c = match.group()
    return _ATTR_ENTITIES.get(c) or f"&#{ord(c)};"


def escape_text(s: str) -> str:
    """Escape element text as the JDK serializer does (no base64 decision)."""
    if _TEXT_DIRTY.search(s) is None:
        return s
    return _TEXT_DIRTY.sub(_text_ref, s)


def escape_attr(s: str) -> str:
    """Escape an attribute value as the JDK serializer does."""
    if _ATTR_DIRTY.search(s) is None:
        return s
    return _ATTR_DIRTY.sub(_attr_ref, s)


def is_valid_xml_string(s: str) -> bool:
    """panc's ``XMLFormatterUtils.isValidXMLString`` (by code point)."""
    if _INVALID_XML.search(s) is None:
        return True
    if _SURROGATE.search(s) is not None:
        return _INVALID_XML.search(join_surrogates(s)) is None
    return False


def panc_base64(data: bytes) -> str:
    """panc's ``Base64.encodeBytes``: a newline after each full 76-char line."""
    encoded = base64.b64encode(data).decode("ascii")
    full = (len(data) // 3) * 4        # characters coming from whole 3-byte groups
    if full < 76:
        return encoded
    parts = []
    for i in range(0, len(encoded), 76):
        parts.append(encoded[i:i + 76])
        if i + 76 <= full:
            parts.append("\n")
    return "".join(parts)


class _Writer:
    """One document's worth of output pieces plus cached indentation."""

    __slots__ = ("out", "opens", "closes")

    def __init__(self) -> None:
        self.out: list[str] = []
        self.opens: list[str] = [""]         # depth 0: the root follows the declaration
        self.closes: list[str] = ["\n"]

    def _grow(self, depth: int) -> None:
        while len(self.opens) <= depth:
            pad = "\n" + " " * (_INDENT * len(self.opens))
            self.opens.append(pad)
            self.closes.append(pad)

    def element(self, value: object, depth: int, attrs: str) -> None:
        if depth >= len(self.opens):
            self._grow(depth)
        out = self.out
        pad = self.opens[depth]
        cls = type(value)
        if cls is str:
            s: str = value  # type: ignore[assignment]
            if not s:
                out.append(f"{pad}<string{attrs}/>")
            elif is_valid_xml_string(s):
                out.append(f"{pad}<string{attrs}>{escape_text(s)}</string>")
            else:
                b64 = panc_base64(to_utf8(s))
                out.append(f'{pad}<string{attrs} encoding="base64">{b64}</string>')
        elif cls is int:
            out.append(f"{pad}<long{attrs}>{value}</long>")
        elif cls is bool:
            out.append(f"{pad}<boolean{attrs}>{'true' if value else 'false'}</boolean>")
        elif cls is float:
            text = java_double_str(value)  # type: ignore[arg-type]
            out.append(f"{pad}<double{attrs}>{text}</double>")
        elif isinstance(value, PanDict):
            if not value:
                out.append(f"{pad}<nlist{attrs}/>")
                return
            out.append(f"{pad}<nlist{attrs}>")
            child = depth + 1
            for key, item in sorted_items(value):
                self.element(item, child, f' name="{escape_attr(key)}"')
            out.append(f"{self.closes[depth]}</nlist>")
        elif isinstance(value, PanList):
            if not value:
                out.append(f"{pad}<list{attrs}/>")
                return
            out.append(f"{pad}<list{attrs}>")
            child = depth + 1
            for item in value:
                self.element(item, child, "")
            out.append(f"{self.closes[depth]}</list>")
        else:
            raise BadValue(value)


def xml_document(root: PanDict) -> str:
    """The pan XML text for a configuration tree (root named ``profile``)."""
    writer = _Writer()
    writer.out.append(XML_DECLARATION)
    try:
        writer.element(root, 0, ' format="pan" name="profile"')
    except BadValue as bad:
        raise output_error(root, bad, "XML") from None
    writer.out.append("\n")
    return "".join(writer.out)


def render_xml(profile: Profile) -> bytes:
    """Bytes of ``<object>.xml`` for the ``pan`` and ``xml`` formats."""
    return to_utf8(xml_document(profile.root))
