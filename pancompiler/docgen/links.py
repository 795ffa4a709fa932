"""Where each documented thing lives in the generated site, and relative links to it.

A template ``a/b/c`` is documented on page ``a/b/c.html`` (``.md`` for
markdown), a declaration at the anchor ``<kind>-<name>`` of its template's
page.  Links are relative, so the site works from any folder or ``file://``.
"""

from __future__ import annotations

import posixpath

from .collect import Decl, Library, TypeRef


class Links:
    def __init__(self, library: Library, ext: str):
        self.ext = ext
        self.types = library.type_index()
        self.used_by = library.used_by()

    def page(self, template: str) -> str:
        return f"{template}.{self.ext}"

    def of(self, decl: Decl) -> str:
        return f"{self.page(decl.template)}#{decl.anchor}"

    def relative(self, target: str, from_page: str) -> str:
        path, _, anchor = target.partition("#")
        rel = posixpath.relpath(path, posixpath.dirname(from_page) or ".")
        return rel + (f"#{anchor}" if anchor else "")

    def type_target(self, ref: TypeRef) -> str | None:
        decl = self.types.get(ref.name)
        return self.of(decl) if decl is not None else None

    def root_from(self, page: str) -> str:
        depth = page.count("/")
        return "../" * depth
