"""The ``grub`` component: the hypervisor's Xen multiboot entry for the boot loader.

``/software/components/grub/loader`` *(ours)* says which boot loader the node
has: ``grub2`` (the default) or ``legacy``.  For GRUB 2 it writes
``/etc/grub.d/09_pancompiler_xen``, a grub-mkconfig script in the manner of
``40_custom`` whose output is ``build/grub/<host>/grub.cfg`` byte for byte
(the entries of ``/software/components/grub/kernels``, first one default);
``update-grub`` then puts it in ``/boot/grub/grub.cfg``.  For legacy GRUB it
writes ``/boot/grub/menu.lst``, equal to ``build/grub/<host>/menu.lst``.  The
build's templates are used (``pancompiler.virt.render``).  A node without
kernels gets no file (and loses the one the component wrote before).
"""

from __future__ import annotations

from typing import Any

from ...virt.model import as_dict, at, load_node
from ...virt.quoting import UnsafeValue
from ...virt.render import environment, grub_context
from . import ComponentError
from .files import File, Wanted

NAME = "grub"
SNIPPET = "etc/grub.d/09_pancompiler_xen"
MENU_LST = "boot/grub/menu.lst"
SCRIPT_HEAD = "#!/bin/sh\nexec tail -n +3 \"$0\"\n"
LOADERS = {"grub2": ("grub.cfg.j2", SNIPPET), "legacy": ("menu.lst.j2", MENU_LST)}


def wanted(tree: dict[str, Any], host: str) -> Wanted:
    node = load_node(host, tree, None)
    if not node.grub_kernels:
        return {}
    loader = as_dict(at(tree, "software/components/grub")).get("loader", "grub2")
    if loader not in LOADERS:
        raise ComponentError(f"/software/components/grub/loader is {loader!r}, not 'grub2' or 'legacy'")
    template, path = LOADERS[loader]
    context = {"host": host, "kernels": [grub_context(k) for k in node.grub_kernels]}
    try:
        text = environment().get_template(template).render(context)
    except UnsafeValue as exc:
        raise ComponentError(f"grub kernels: {exc}") from None
    if loader == "grub2":
        return {path: File((SCRIPT_HEAD + text).encode(), 0o755)}
    return {path: File(text.encode())}
