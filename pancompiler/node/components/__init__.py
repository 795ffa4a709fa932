"""Components that write a node's configuration from its cached profile, run by ``panc-ncd``.

Each component module has a ``NAME`` and ``wanted(tree, host)``, which
returns the files it wants under the root (``files.Wanted``) or raises
``ComponentError``; ``files.apply`` puts them in place.  ``xen`` and ``grub``
render the same jinja2 templates as the build (``pancompiler.virt``), so a
node's files equal the build's ``xen/`` and ``grub/`` outputs byte for byte.
"""


class ComponentError(ValueError):
    """The profile asks for something the component cannot write."""
