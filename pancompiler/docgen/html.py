"""The documentation site as HTML pages (jinja2 templates in ``docgen/assets``).

One page per template with its description, a table of contents and each
type (spec with linked type names, fields table with required flags, types,
ranges, defaults and descriptions), function and variable; an index page
listing every declaration alphabetically and every template; a search box
backed by ``search-index.js`` and ``search.js`` (static, no external
resources, works from ``file://``).
"""

from __future__ import annotations

import json
import os

import jinja2
from markupsafe import Markup, escape

from .collect import Decl, Doc, Library, TypeRef
from .links import Links

ASSETS = os.path.join(os.path.dirname(__file__), "assets")
_env = jinja2.Environment(loader=jinja2.FileSystemLoader(ASSETS), autoescape=True,
                          trim_blocks=True, lstrip_blocks=True)


def _short(text: str | None, limit: int = 200) -> str:
    if text is None:
        return ""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _helpers(links: Links, page: str) -> dict:
    def spec(parts) -> Markup:
        out = []
        for part in parts:
            if isinstance(part, TypeRef):
                target = links.type_target(part)
                if target is None:
                    out.append(escape(part.name))
                else:
                    out.append(Markup('<a href="{}">{}</a>').format(links.relative(target, page), part.name))
            else:
                out.append(escape(part))
        return Markup("").join(out)

    def docblock(doc: Doc) -> Markup:
        out = []
        if doc.desc:
            out.append(Markup('<p class="desc">{}</p>').format(doc.desc))
        if doc.items:
            rows = Markup("").join(Markup("<dt>{}</dt><dd>{}</dd>").format(k, v) for k, v in doc.items)
            out.append(Markup('<dl class="doc">{}</dl>').format(rows))
        return Markup("").join(out)

    def url(decl: Decl) -> str:
        return links.relative(links.of(decl), page)

    return {"spec": spec, "docblock": docblock, "short": _short, "url": url, "root": links.root_from(page),
            "used_by": links.used_by}


def search_index(library: Library, links: Links) -> str:
    entries = [{"n": t.name, "k": "template", "t": t.kind, "u": links.page(t.name), "s": _short(t.doc.text(), 160)}
               for t in library.templates]
    entries += [{"n": d.name, "k": d.kind, "t": d.template, "u": links.of(d), "s": _short(d.doc.text(), 160)}
                for d in library.declarations()]
    return "window.PAN_DOC_INDEX = " + json.dumps(entries, ensure_ascii=False, separators=(",", ":")) + ";\n"


def render_html(library: Library, title: str) -> dict[str, str]:
    """Relative file name -> content of every file of the HTML site."""
    links = Links(library, "html")
    page = _env.get_template("page.html.j2")
    files: dict[str, str] = {}
    for template in library.templates:
        name = links.page(template.name)
        files[name] = page.render(template=template, title=template.name, site_title=title,
                                  **_helpers(links, name))
    decls = sorted(library.declarations(), key=lambda d: (d.name.lower(), d.kind))
    index: dict[str, list[Decl]] = {}
    for decl in decls:
        index.setdefault(decl.name[:1].upper(), []).append(decl)
    counts = {k: sum(1 for d in decls if d.kind == k) for k in ("type", "function", "variable")}
    files["index.html"] = page.render(template=None, title="Index", site_title=title, library=library,
                                      index=sorted(index.items()), counts=counts, **_helpers(links, "index.html"))
    files["search-index.js"] = search_index(library, links)
    for asset in ("style.css", "search.js"):
        with open(os.path.join(ASSETS, asset), encoding="utf-8") as fh:
            files[asset] = fh.read()
    return files
