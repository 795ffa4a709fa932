"""Build a site for a review: ``panc --site`` run in-process, report returned.

The build runs in a thread with a deep stack, as the ``panc`` command does,
and returns the driver's ``Report`` (objects compiled, up to date, failed) so
callers can tell how much a rebuild compiled.  A site that does not compile
raises ``ReviewError`` with the first errors, rendered as panc prints them.
"""

from __future__ import annotations

import sys
import threading

from ..cli import build_arg_parser
from ..errors import PanError, SystemError_
from .profiles import ReviewError

MAX_ERRORS_SHOWN = 3


def build_site(root: str, outdir: str, jobs: int = 0, what: str = "site"):
    """Compile the site at ``root`` into ``outdir/profiles`` (Xen and grub files in ``outdir``)."""
    from ..driver.compile import Report, requests_from_args, run_compile
    args = build_arg_parser().parse_args(["--site", root, "--output-dir", f"{outdir}/profiles",
                                          "--no-progress", "-j", str(jobs)])
    outcome: list = []

    def run() -> None:
        try:
            report = Report()
            for request in requests_from_args(args):
                report.merge(run_compile(request))
            outcome.append(report)
        except (SystemError_, PanError) as exc:
            outcome.append(exc)
        except Exception as exc:  # noqa: BLE001 - reported as an internal error, not a traceback
            outcome.append(ReviewError(f"internal error while building {what}: {type(exc).__name__}: {exc}"))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 200_000))
    previous = threading.stack_size(512 * 1024 * 1024)
    try:
        thread = threading.Thread(target=run)
        thread.start()
        thread.join()
    finally:
        threading.stack_size(previous)
    result = outcome[0] if outcome else ReviewError(f"building {what} stopped unexpectedly")
    if isinstance(result, ReviewError):
        raise result
    if isinstance(result, SystemError_):
        raise ReviewError(f"cannot build {what}: {result.message}")
    if isinstance(result, PanError):
        raise ReviewError(f"{what} does not compile:\n{result.render()}")
    if result.errors or result.failed:
        shown = "\n".join(e.render() for e in result.errors[:MAX_ERRORS_SHOWN])
        more = len(result.errors) - MAX_ERRORS_SHOWN
        extra = f"\n... and {more} more errors" if more > 0 else ""
        raise ReviewError(f"{what} does not compile ({result.failed} objects failed):\n{shown}{extra}")
    return result
