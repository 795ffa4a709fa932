"""What a template may name: lookups stay inside the include path.

Every lookup a template makes — ``include``, ``create()``, ``if_exists()``,
``exists()``, ``file_contents()``, ``file_exists()``, an object read with
``value('obj:/path')`` — names a file relative to the include path.  The name
must follow panc's template-name rule (letters, digits and ``_ . / + -``; no
empty segment, no segment starting with a period, so neither absolute names
nor ``..`` nor hidden files), checked before anything is looked up, with
panc's message.  LOADPATH entries may not contain ``..`` either (panc allows
it; we do not, since it would lead outside the include path).  A file found
through a symbolic link must still lie inside one of the include directories
(the directories themselves may be links): a link leading elsewhere is an
evaluation error, never read.
"""

from __future__ import annotations

import os

from ..errors import EvaluationError, OutsideIncludePath
from ..runtime.paths import is_valid_template_name


def check_template_name(name: str) -> None:
    """panc's rule for any template or file name that is looked up."""
    if not is_valid_template_name(name):
        raise EvaluationError(f"invalid template name ({name})")


def check_file_name(builtin: str, name) -> str:
    """The argument of ``file_contents()`` / ``file_exists()``, checked as panc does."""
    if type(name) is not str:
        raise EvaluationError(f"{builtin}() requires exactly one string argument")
    if name == "" or name.startswith("/"):
        raise EvaluationError(f"{builtin}() requires a relative file name")
    check_template_name(name)
    return name


def check_loadpath_entry(entry: str) -> None:
    if entry.startswith("/"):
        raise EvaluationError("LOADPATH can only contain relative paths")
    if ".." in entry.split("/"):
        raise EvaluationError(f"LOADPATH entry '{entry}' leads outside the include path ('..' is not allowed)")


class Confinement:
    """Checks that found files lie inside the include path, links resolved."""

    def __init__(self):
        self._roots: dict[tuple, tuple] = {}
        self._verdicts: dict[tuple, bool] = {}

    def _real_roots(self, include_path: tuple) -> tuple:
        roots = self._roots.get(include_path)
        if roots is None:
            roots = tuple(os.path.join(os.path.realpath(d), "") for d in include_path)
            self._roots[include_path] = roots
        return roots

    def inside(self, path: str, include_path: tuple) -> bool:
        key = (path, include_path)
        verdict = self._verdicts.get(key)
        if verdict is None:
            real = os.path.realpath(path)
            verdict = any(real.startswith(root) or real == root[:-1] for root in self._real_roots(include_path))
            self._verdicts[key] = verdict
        return verdict

    def check(self, name: str, path: str, include_path: tuple) -> None:
        if not self.inside(path, include_path):
            raise OutsideIncludePath(f"'{name}' is a symbolic link leading outside the include path "
                                  f"({os.path.realpath(path)}); it is not read")
