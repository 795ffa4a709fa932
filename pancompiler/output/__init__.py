"""Output formatters: pure functions from a finished profile to file bytes.

Each module owns one of panc's formats and reproduces its bytes exactly:
``xml`` (pan XML, keys ``pan``/``xml``), ``json``, ``text``, ``dot``, ``dep``;
``compress`` gzips as Java does for the ``.gz`` variants and ``registry``
maps ``--formats`` keys to ``Format`` records.  Nothing here touches files:
the build layer calls ``fmt.render(profile)`` and writes the bytes to
``output_path(outdir, profile.name, fmt)`` (panc also sets the file's mtime to
the object's compile timestamp).  The ``none`` key has no ``Format``; see
``parse_formats``.  An ``undef`` or ``null`` met in a profile raises
``OutputError``.
"""

from .compress import java_gzip
from .dep import dependency, java_file_uri
from .json import encode_json
from .model import Dependency, Format, OutputError, Profile
from .registry import DEFAULT_FORMATS, FORMATS, NO_OUTPUT_KEYS, output_path, parse_formats

__all__ = [
    "DEFAULT_FORMATS",
    "FORMATS",
    "NO_OUTPUT_KEYS",
    "Dependency",
    "Format",
    "OutputError",
    "Profile",
    "dependency",
    "encode_json",
    "java_file_uri",
    "java_gzip",
    "output_path",
    "parse_formats",
]
