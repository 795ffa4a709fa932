"""Rendering the Xen and grub files of each hypervisor with jinja2.

For every profile with a Xen component: ``xen/<host>/<domain>.cfg`` in
xl.cfg(5) syntax (``builder = 'hvm'`` read as ``type``; ``install_options``
not rendered) and ``xen/<host>/auto`` (the domains with ``auto`` true,
sorted, one per line).  For every hypervisor with grub kernels:
``grub/<host>/menu.lst`` (legacy grub: ``kernel <xen> <mbargs>`` then
``module`` lines for a multiboot entry, ``kernel``/``initrd`` otherwise) and
``grub/<host>/grub.cfg`` (GRUB 2: ``multiboot2``/``module2`` with the
``placeholder`` first argument Xen expects, as ``20_linux_xen`` writes, or
``linux``/``initrd``).  The templates live in ``templates/`` and are rendered
with autoescape off, ``StrictUndefined`` and ``keep_trailing_newline``;
values go through the quoting filters of ``quoting.py``.  ``render_all``
returns the files (relative path → bytes, in sorted order) and a
``ValidationError`` naming the host and the domain for every name that could
leave the output folder or break a file, and every value a file cannot hold.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from ..errors import ValidationError
from .model import Domain, GrubKernel, Node, Site, VDisk, as_int, as_strs
from .quoting import (
    UnsafeValue,
    grub_args,
    grub_line,
    grub_quoted,
    grub_word,
    name_problem,
    xl_value,
)

TEMPLATES = Path(__file__).resolve().parent / "templates"
XL_DEFAULTS = {"type": "pv", "on_poweroff": "destroy", "on_reboot": "restart", "on_crash": "destroy"}


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=False,
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
                             trim_blocks=True, lstrip_blocks=True)
    env.filters.update(xl=xl_value, grub_line=grub_line, grub_word=grub_word, grub_args=grub_args,
                       grub_quoted=grub_quoted)
    return env


def render_all(site: Site) -> tuple[dict[str, bytes], list[ValidationError]]:
    files: dict[str, bytes] = {}
    errors: list[ValidationError] = []
    for host in site.nodes.values():
        if host.xen is None and not (host.is_hypervisor and host.grub_kernels):
            continue
        problem = name_problem(host.name)
        if problem:
            errors.append(ValidationError(f"hypervisor {host.name!r} ({host.file}): the host name {problem}",
                                          file=host.file))
            continue
        if host.xen is not None:
            errors += _render_xen(site, host, files)
        if host.is_hypervisor and host.grub_kernels:
            errors += _render_grub(site, host, files)
    return dict(sorted(files.items())), errors


def _render_xen(site: Site, host: Node, files: dict[str, bytes]) -> list[ValidationError]:
    errors = []
    template = environment().get_template("xl.cfg.j2")
    for key, domain in sorted(host.domains.items()):
        try:
            problem = name_problem(key)
            if problem:
                raise UnsafeValue(f"name {problem}")
            text = template.render(xl_context(host, domain))
        except UnsafeValue as exc:
            errors.append(_domain_error(site, host, key, str(exc)))
            continue
        files[f"xen/{host.name}/{key}.cfg"] = text.encode()
    names = [k for k, d in sorted(host.domains.items()) if d.auto and not name_problem(k)]
    files[f"xen/{host.name}/auto"] = environment().get_template("auto.j2").render(names=names).encode()
    return errors


def _domain_error(site: Site, host: Node, key: str, problem: str) -> ValidationError:
    domain = site.ref(key) if key in site.nodes else repr(key)
    return ValidationError(f"hypervisor {site.ref(host.name)}: Xen domain {domain}: {problem}", file=host.file)


def xl_context(host: Node, domain: Domain) -> dict[str, Any]:
    """The values of one xl.cfg file; raises ``UnsafeValue`` when one is missing or bad."""
    name = domain.name if domain.name is not None else domain.key
    if name != domain.key:
        raise UnsafeValue(f"options/name {name!r} differs from the domain's key")
    if domain.memory is None:
        raise UnsafeValue("has no integer options/memory")
    bootargs = domain.opt("bootargs")
    options: dict[str, Any] = {k: domain.opt(k) for k in ("cpus", "bootloader", "kernel", "ramdisk", "root", "extra")}
    options["maxmem"] = as_int(domain.options.get("maxmem"))
    options["bootloader_args"] = bootargs.split() if bootargs and bootargs.split() else None
    options["vfb"] = list(as_strs(domain.options.get("vfb"))) or None
    context: dict[str, Any] = {k: domain.opt(k) or v for k, v in XL_DEFAULTS.items()}
    if domain.opt("type") is None and domain.opt("builder") == "hvm":
        context["type"] = "hvm"
    context.update(host=host.name, name=name, memory=domain.memory, vcpus=domain.vcpus or 1,
                   options=options, vif=list(domain.vifs), disk=[disk_spec(d, domain) for d in domain.disks])
    return context


def disk_spec(disk: VDisk, domain: Domain) -> str:
    """A positional xl disk spec: ``phy:/dev/<vg>/<lv>,<vdev>,<rw>`` or ``file:<path>,...``."""
    if disk.type == "lvm":
        if not disk.hostdevice:
            raise UnsafeValue("an lvm disk has no hostdevice (volume group)")
        target = f"phy:/dev/{disk.hostdevice}/{disk.hostvol or domain.key}"
    elif disk.type == "file":
        if not disk.path:
            raise UnsafeValue("a file disk has no path")
        target = f"file:{disk.path}"
    elif disk.type == "phy":
        if not (disk.path or disk.hostdevice):
            raise UnsafeValue("a phy disk has neither path nor hostdevice")
        target = f"phy:{disk.path}" if disk.path else f"phy:/dev/{disk.hostdevice}"
    else:
        raise UnsafeValue(f"disk type {disk.type!r} is not lvm, file or phy")
    if not disk.guestdevice or disk.rw not in ("r", "w"):
        raise UnsafeValue(f"disk {target!r} needs a guestdevice and rw 'r' or 'w'")
    if "," in target + disk.guestdevice:
        raise UnsafeValue(f"disk {target!r} ({disk.guestdevice}) contains ',', which xl reads as a separator")
    return f"{target},{disk.guestdevice},{disk.rw}"


def _render_grub(site: Site, host: Node, files: dict[str, bytes]) -> list[ValidationError]:
    context = {"host": host.name, "kernels": [grub_context(k) for k in host.grub_kernels]}
    rendered = {}
    for name in ("menu.lst", "grub.cfg"):
        try:
            rendered[f"grub/{host.name}/{name}"] = environment().get_template(f"{name}.j2").render(context)
        except UnsafeValue as exc:
            return [ValidationError(f"hypervisor {site.ref(host.name)}: grub kernels: {exc}", file=host.file)]
    files.update((path, text.encode()) for path, text in rendered.items())
    return []


def grub_context(kernel: GrubKernel) -> dict[str, str | None]:
    title = kernel.title or ("Xen / " if kernel.multiboot else "Linux ") + kernel.kernelpath
    return {"title": title, "kernelpath": kernel.kernelpath, "kernelargs": kernel.kernelargs,
            "multiboot": kernel.multiboot, "mbargs": kernel.mbargs, "initrd": kernel.initrd}
