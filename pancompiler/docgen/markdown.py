"""The documentation site as markdown pages, for wikis and forges that render it.

Same pages and anchors as the HTML site (``a/b/c.md``, an ``index.md``),
with type names linked to their definitions and fields as tables.
"""

from __future__ import annotations

from .collect import Decl, Doc, Library, TypeRef
from .links import Links


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _code(text: str) -> str:
    text = " ".join(text.split())
    fence = "``" if "`" in text else "`"
    pad = " " if fence == "``" else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _spec(parts, links: Links, page: str) -> str:
    out = []
    for part in parts:
        if isinstance(part, TypeRef):
            target = links.type_target(part)
            out.append(f"[{part.name}]({links.relative(target, page)})" if target else part.name)
        else:
            out.append(part.replace("|", "\\|"))
    return "".join(out)


def _doc(doc: Doc) -> list[str]:
    lines = []
    if doc.desc:
        lines += [doc.desc, ""]
    for key, value in doc.items:
        lines.append(f"- **{key}**: {value}")
    if doc.items:
        lines.append("")
    return lines


def _short(text: str | None, limit: int = 120) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _decl(decl: Decl, links: Links, page: str) -> list[str]:
    lines = [f'<a id="{decl.anchor}"></a>', f"## {decl.kind} {decl.name}", ""]
    if decl.kind == "type":
        default = f" = {_short(decl.default)}" if decl.default else ""
        lines += [f"`type {decl.name} =` {_spec(decl.spec, links, page)}{_cell(default)}", ""]
    elif decl.kind == "variable":
        op = "?=" if decl.conditional else "="
        lines += [_code(f"{'final ' if decl.final else ''}variable {decl.name} {op} {_short(decl.default)}"), ""]
    if decl.deprecated:
        lines += [f"**Deprecated**: {decl.deprecated}", ""]
    lines += _doc(decl.doc)
    if decl.fields:
        lines += ["| field | | type | default | description |", "|---|---|---|---|---|"]
        for f in decl.fields:
            if f.include:
                lines.append(f"| *includes* | | {_spec(f.type, links, page)} | | |")
                continue
            default = _code(_short(f.default, 60)) if f.default else ""
            desc = _cell(" ".join([f.doc.desc] + [f"{k}: {v}" for k, v in f.doc.items]))
            lines.append(f"| `{f.name}` | {'required' if f.required else 'optional'} | "
                         f"{_spec(f.type, links, page)} | {default} | {desc} |")
        lines.append("")
    users = links.used_by.get(decl.name, []) if decl.kind == "type" else []
    if users:
        lines += ["Used by: " + ", ".join(f"[{u.name}]({links.relative(links.of(u), page)})" for u in users), ""]
    lines += [f"*{decl.template}, line {decl.line}*", ""]
    return lines


def render_markdown(library: Library, title: str) -> dict[str, str]:
    links = Links(library, "md")
    files: dict[str, str] = {}
    for template in library.templates:
        page = links.page(template.name)
        lines = [f"# {template.kind} template {template.name}", ""] + _doc(template.doc)
        for decl in template.decls:
            lines.append(f"- [{decl.kind} {decl.name}](#{decl.anchor})")
        lines.append("")
        for decl in template.decls:
            lines += _decl(decl, links, page)
        lines.append(f"[Index]({links.relative('index.md', page)})")
        files[page] = "\n".join(lines) + "\n"
    decls = sorted(library.declarations(), key=lambda d: (d.name.lower(), d.kind))
    lines = [f"# {title}", "", "## Declarations", ""]
    for d in decls:
        desc = f" — {_short(d.doc.desc, 100)}" if d.doc.desc else ""
        lines.append(f"- {d.kind} [{d.name}]({links.of(d)}) ({d.template}){desc}")
    lines += ["", "## Templates", ""]
    for t in library.templates:
        desc = f" — {_short(t.doc.desc, 100)}" if t.doc.desc else ""
        lines.append(f"- [{t.name}]({links.page(t.name)}) ({t.kind}){desc}")
    files["index.md"] = "\n".join(lines) + "\n"
    return files
