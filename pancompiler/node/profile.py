"""Reading a profile's bytes into a tree, and checking whose profile it is.

``parse`` reads JSON (a ``.json`` or ``.json.gz`` URL, or bytes starting with
``{``) or pan XML (root element with ``format="pan"``, as CCM accepts) into
plain Python values; pan XML keeps its types (``long`` → int, ``double`` →
float, ``boolean`` → bool).  ``owner`` is the node a profile describes:
``/system/network/hostname`` and ``domainname`` joined, lower case.  Both
raise ``ProfileError`` with a one-line reason.  Only the standard library is
used (``xml.etree`` refuses entity declarations' expansion blow-ups through
expat's limits; pan XML has none).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from typing import Any

SCALARS = {"string": str, "long": int, "double": float}


class ProfileError(ValueError):
    """The bytes are not a usable profile."""


def format_of(url: str, data: bytes) -> str:
    """``json`` or ``xml``: by the URL's suffix as CCM does, else by the first byte."""
    path = url.split("?", 1)[0]
    if path.endswith((".json", ".json.gz")):
        return "json"
    if path.endswith((".xml", ".xml.gz")):
        return "xml"
    return "json" if data.lstrip()[:1] in (b"{", b"[") else "xml"


def parse(data: bytes, fmt: str) -> dict[str, Any]:
    tree = _parse_json(data) if fmt == "json" else _parse_xml(data)
    if not isinstance(tree, dict):
        raise ProfileError(f"the profile's root is a {type(tree).__name__}, not a dict")
    return tree


def _parse_json(data: bytes) -> Any:
    try:
        return json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ProfileError(f"invalid JSON: not UTF-8 at byte {exc.start}") from None
    except json.JSONDecodeError as exc:
        raise ProfileError(f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None


def _parse_xml(data: bytes) -> Any:
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data:
        raise ProfileError("invalid pan XML: document type declarations are refused")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise ProfileError(f"invalid pan XML: {exc}") from None
    if root.get("format") != "pan":
        raise ProfileError("not a pan XML profile (the root element has no format=\"pan\")")
    return _element(root)


def _element(elem: ET.Element) -> Any:
    tag = elem.tag
    if tag == "nlist":
        return {child.get("name", ""): _element(child) for child in elem}
    if tag == "list":
        return [_element(child) for child in elem]
    text = elem.text or ""
    if tag == "boolean":
        return text.strip() == "true"
    if tag in SCALARS:
        try:
            return SCALARS[tag](text)
        except ValueError:
            raise ProfileError(f"invalid pan XML: <{tag}> holds {text!r}") from None
    return text


def owner(tree: dict[str, Any]) -> str | None:
    network = tree.get("system", {}).get("network", {}) if isinstance(tree.get("system"), dict) else {}
    if not isinstance(network, dict):
        return None
    host, domain = network.get("hostname"), network.get("domainname")
    if not isinstance(host, str) or not host:
        return None
    name = host if "." in host or not isinstance(domain, str) or not domain else f"{host}.{domain}"
    return name.lower()


def subtree(tree: Any, path: str) -> Any:
    """The value at ``/a/b/0``; ``KeyError`` naming the first missing step."""
    node = tree
    walked = ""
    for part in [p for p in path.split("/") if p]:
        walked += "/" + part
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            raise KeyError(walked)
    return node
