"""The ``xen`` component: each domain's xl.cfg under ``/etc/xen/``, and ``auto/`` links.

For every entry of ``/software/components/xen/domains`` it writes
``/etc/xen/<domain>.cfg`` with the build's template and values
(``pancompiler.virt.render``: the bytes equal ``build/xen/<host>/<domain>.cfg``)
and, for a domain with ``auto`` true, the link ``/etc/xen/auto/<domain>.cfg ->
../<domain>.cfg`` that xendomains starts at boot.  Files and links of domains
that left the profile are removed (the manifest of ``files.py`` says which are
its own; ncm-xen never removed them).  A domain with an unsafe name or a value
xl.cfg cannot hold fails the component and nothing is changed.
"""

from __future__ import annotations

from typing import Any

from ...virt.model import load_node
from ...virt.quoting import UnsafeValue, name_problem
from ...virt.render import environment, xl_context
from . import ComponentError
from .files import File, Link, Wanted

NAME = "xen"
PRUNE = ("etc/xen/auto",)   # removed when its last link goes


def wanted(tree: dict[str, Any], host: str) -> Wanted:
    node = load_node(host, tree, None)
    template = environment().get_template("xl.cfg.j2")
    files: Wanted = {}
    problems = []
    for key, domain in sorted(node.domains.items()):
        problem = name_problem(key)
        try:
            if problem:
                raise UnsafeValue(f"name {problem}")
            text = template.render(xl_context(node, domain))
        except UnsafeValue as exc:
            problems.append(f"domain {key!r}: {exc}")
            continue
        files[f"etc/xen/{key}.cfg"] = File(text.encode())
        if domain.auto:
            files[f"etc/xen/auto/{key}.cfg"] = Link(f"../{key}.cfg")
    if problems:
        raise ComponentError("; ".join(problems))
    return files
