"""Import every builtin family module so that each registers itself."""

import importlib
import pkgutil

from . import __path__ as _pkg_path

for _info in pkgutil.iter_modules(_pkg_path):
    if _info.name not in ("registry", "load_all"):
        importlib.import_module(f"{__package__}.{_info.name}")
