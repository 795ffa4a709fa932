"""The table of output formats panc's ``--formats`` option accepts.

Keys, suffixes and contents follow the clojure CLI (``cmd_option.clj``):
``pan`` and ``xml`` both write ``.xml`` (the same bytes), ``text`` writes
``.txt``, ``null`` writes an empty ``.null`` file, and ``none`` is accepted
but writes nothing, so it has no ``Format``: ``FORMATS`` holds only the keys
that produce a file and ``parse_formats`` drops ``none``.  Keys are matched
exactly (the CLI does not fold case); an unknown key is an error worded as
panc's (``unknown formatter: <name>``).
"""

from __future__ import annotations

import os
import re
from typing import Callable

from .compress import java_gzip
from .dep import render_dep
from .dot import render_dot
from .json import render_json
from .model import Format, Profile
from .text import render_text
from .xml import render_xml

DEFAULT_FORMATS = "pan,dep"
NO_OUTPUT_KEYS = frozenset({"none"})


def _gzipped(render: Callable[[Profile], bytes]) -> Callable[[Profile], bytes]:
    def render_gz(profile: Profile) -> bytes:
        return java_gzip(render(profile))
    render_gz.__name__ = render.__name__ + "_gz"
    render_gz.__doc__ = f"Gzip (as Java writes it) of {render.__name__}."
    return render_gz


def render_null(profile: Profile) -> bytes:
    """The ``null`` format: an empty file (panc uses it to time compilation)."""
    return b""


FORMATS: dict[str, Format] = {f.key: f for f in (
    Format("pan", ".xml", render_xml),
    Format("pan.gz", ".xml.gz", _gzipped(render_xml)),
    Format("xml", ".xml", render_xml),
    Format("xml.gz", ".xml.gz", _gzipped(render_xml)),
    Format("json", ".json", render_json),
    Format("json.gz", ".json.gz", _gzipped(render_json)),
    Format("text", ".txt", render_text),
    Format("dot", ".dot", render_dot),
    Format("dep", ".dep", render_dep),
    Format("dep.gz", ".dep.gz", _gzipped(render_dep)),
    Format("null", ".null", render_null),
)}

_SPLIT = re.compile(r"\s*,\s*")


def parse_formats(spec: str) -> list[Format]:
    """The formats named by a ``--formats`` value, in order, without repeats.

    ``none`` contributes nothing; raises ``ValueError("unknown formatter:
    <name>")`` for anything else not in ``FORMATS``.
    """
    result: list[Format] = []
    for name in _SPLIT.split(spec):
        if name in NO_OUTPUT_KEYS:
            continue
        fmt = FORMATS.get(name)
        if fmt is None:
            raise ValueError(f"unknown formatter: {name}")
        if fmt not in result:
            result.append(fmt)
    return result


def output_path(outdir: str, object_name: str, fmt: Format) -> str:
    """``<outdir>/<object name><suffix>``; a namespaced name gives sub-folders."""
    return os.path.join(outdir, *object_name.split("/")) + fmt.suffix
