"""Write a documented template (``annotations.model``) as panc's annotation XML.

The bytes are those of panc's ``PanParserAnnotationUtils.printXML`` through
the JDK's XML serializer with ``indent=yes`` and an indent of four: the XML
declaration directly followed by the root element in the
``http://quattor.org/pan/annotations`` namespace, one element per line,
elements holding only text on one line, empty elements as ``<x .../>``, and
the JDK's escaping (``&lt; &gt; &amp;`` in text; also ``&quot;`` and
character references for tabs and line ends in attributes).
"""

from __future__ import annotations

from .model import Node

NAMESPACE = "http://quattor.org/pan/annotations"


def _control(ch: str) -> str:
    return f"&#{ord(ch)};"


_TEXT = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}
_ATTR = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}


def _escape(text: str, table: dict[str, str]) -> str:
    out = []
    for ch in text:
        if ch in table:
            out.append(table[ch])
        elif ch < " " and ch not in "\n\t":
            out.append(_control(ch))
        else:
            out.append(ch)
    return "".join(out)


def _start(tag: str, attrs: list[tuple[str, str]]) -> str:
    parts = [tag] + [f'{k}="{_escape(v, _ATTR)}"' for k, v in attrs]
    return "<" + " ".join(parts)


def _element(node: Node, depth: int, out: list[str], attrs=None) -> None:
    pad = "    " * depth
    head = _start(node.tag, attrs if attrs is not None else node.attrs)
    if not node.annotations and not node.children:
        out.append(f"{pad}{head}/>")
        return
    out.append(f"{pad}{head}>")
    for annotation in node.annotations:
        inner = depth + 1
        if annotation.name:
            out.append(f"{'    ' * inner}<{annotation.name}>" if annotation.entries
                       else f"{'    ' * inner}<{annotation.name}/>")
            inner += 1
        for key, value in annotation.entries:
            text = _escape(value, _TEXT)
            out.append(f"{'    ' * inner}<{key}>{text}</{key}>" if value else f"{'    ' * inner}<{key}/>")
        if annotation.name and annotation.entries:
            out.append(f"{'    ' * (depth + 1)}</{annotation.name}>")
    for child in node.children:
        _element(child, depth + 1, out)
    out.append(f"{pad}</{node.tag}>")


def to_xml(root: Node) -> str:
    out: list[str] = []
    _element(root, 0, out, attrs=[("xmlns", NAMESPACE), *root.attrs])
    return '<?xml version="1.0" encoding="UTF-8"?>' + "\n".join(out) + "\n"
