"""The ``panc`` command: panc-compatible options, compile, write, report.

This module only parses options, calls the library and prints.  Errors are
printed with panc's headings (``syntax error [file:l.c-l.c]`` ...) followed by
the source excerpt, configuration path and pan call stack; ``--error-format
json`` prints one JSON object per error instead, and ``github`` prints GitHub
Actions annotations.  The exit code is 0 when every object compiled, 1 when
any failed, 2 for bad options.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time

from . import __version__
from .errors import PanError, SystemError_


def _positive(text: str) -> int:
    value = int(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive integer: {text}")
    return value


def _non_negative(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be zero or a positive integer: {text}")
    return value


def build_arg_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="panc", description="Compile pan object templates into machine profiles (panc-compatible).")
    ap.add_argument("templates", nargs="*", help="object template files (.pan) to compile")
    ap.add_argument("--output-dir", default=None, help="directory for the profiles (default: current directory)")
    ap.add_argument("--formats", default=None,
                    help="comma-separated output formats: pan, pan.gz, xml, xml.gz, json, json.gz, text, "
                         "dot, dep, dep.gz, null, none (default: pan,dep; with --site, the site's pan.formats, "
                         "else pan,dep on an SCDB and json,dep on a root-level clusters/ site)")
    ap.add_argument("--include-path", default=None,
                    help="colon-separated directories searched for templates (default: current directory)")
    ap.add_argument("--initial-data", default=None, metavar="DML",
                    help="DML evaluating to a dict used as the starting root of every object")
    ap.add_argument("--max-iteration", type=_positive, default=None,
                    help="loop iteration limit (default 10000; 5000 with --site on an SCDB, as its ant build)")
    ap.add_argument("--max-recursion", type=_positive, default=50, help="call depth limit (default 50)")
    ap.add_argument("--nthread", "-j", type=_non_negative, default=0,
                    help="worker processes; 0 means one per CPU (default 0)")
    ap.add_argument("--warnings", choices=("on", "off", "fatal"), default=None,
                    help="deprecation warnings: on, off or fatal (default on, or pan.warnings with --site)")
    ap.add_argument("--debug", action="store_true", help="enable debug() and traceback() in every template")
    ap.add_argument("--debug-ns-include", action="append", default=[], metavar="REGEX",
                    help="enable debug() in templates whose name matches")
    ap.add_argument("--debug-ns-exclude", action="append", default=[], metavar="REGEX",
                    help="disable debug() in templates whose name matches (wins over include)")
    ap.add_argument("--error-format", choices=("text", "json", "github"), default="text",
                    help="how errors are printed (default text)")
    ap.add_argument("--site", metavar="ROOT",
                    help="build every cluster of an SCDB site (cfg/clusters/, or clusters/ at the root) "
                         "into ROOT/build/profiles (or --output-dir), as its ant build does")
    ap.add_argument("--cluster", action="append", default=[], metavar="NAME",
                    help="with --site: build only this cluster, NAME or GROUP/NAME (repeatable)")
    ap.add_argument("--group", action="append", default=[], metavar="NAME",
                    help="with --site and cluster groups: build only this group (repeatable)")
    ap.add_argument("--template-cache", metavar="DIR",
                    help="folder of parsed templates kept between runs, keyed by content (default: "
                         "OUTPUT/.pancompiler/templates; $PANC_TEMPLATE_CACHE; 'off' to disable)")
    ap.add_argument("--force", action="store_true",
                    help="rebuild every object, even those whose inputs did not change")
    ap.add_argument("--profiles-index", action="store_true",
                    help="also write profiles-info.xml and profiles.json (always done with --site)")
    ap.add_argument("--notify", action="store_true",
                    help="after the build, send a CDP datagram to each node whose profile changed "
                         "(UDP, see panc-notify)")
    ap.add_argument("--notify-port", type=_positive, default=7777, metavar="PORT",
                    help="with --notify: the nodes' UDP port (default 7777)")
    ap.add_argument("--scheduler", metavar="ADDRESS", default=None,
                    help="compile on the Dask cluster of this scheduler (tcp://host:port); "
                         "needs pancompiler[dask] here and on the workers")
    ap.add_argument("--dask-local", type=_positive, default=0, metavar="N",
                    help="compile on a Dask cluster of N worker processes started on this machine")
    ap.add_argument("--dask-ship", action="store_true",
                    help="send the templates to the Dask workers instead of reading them from a shared path")
    ap.add_argument("--dask-timeout", type=_positive, default=10, metavar="SECONDS",
                    help="how long to wait for the Dask scheduler and its first worker (default 10)")
    ap.add_argument("--no-progress", action="store_true", help="no progress bar or progress lines")
    ap.add_argument("-v", "--verbose", action="store_true", help="print statistics at the end")
    ap.add_argument("--version", action="version", version=f"panc (pancompiler) {__version__}")
    return ap


def main(argv: list[str] | None = None) -> int:
    args = build_arg_parser().parse_args(argv)
    result: list[int] = []
    # Deeply nested templates need a deep Python stack: run in a thread with one.
    sys.setrecursionlimit(200_000)
    threading.stack_size(512 * 1024 * 1024)
    worker = threading.Thread(target=lambda: result.append(_run_guarded(args)))
    worker.start()
    worker.join()
    return result[0] if result else 70


def _run_guarded(args) -> int:
    """Run, turning a bug of ours into a short report instead of a traceback."""
    try:
        return _run(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (``panc ... | head``): stop quietly, as shell tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        for stream in (sys.stdout, sys.stderr):
            os.dup2(devnull, stream.fileno())
        return 141
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        print(f"internal compiler error: {type(exc).__name__}: {exc}\n"
              "This is a bug in pancompiler, not in your templates; please report it "
              "(set PANC_DEBUG=1 for the Python traceback).", file=sys.stderr)
        if os.environ.get("PANC_DEBUG"):
            import traceback
            traceback.print_exc()
        return 70


def _run(args) -> int:
    from .driver.compile import Report, requests_from_args, run_compile
    started = time.monotonic()
    if not args.templates and not args.site:
        print("OPTIONS ERROR: no object templates given (or use --site ROOT)", file=sys.stderr)
        return 2
    if (args.cluster or args.group) and not args.site:
        print("OPTIONS ERROR: --cluster and --group need --site ROOT", file=sys.stderr)
        return 2
    try:
        requests = requests_from_args(args)
    except SystemError_ as exc:
        print(f"OPTIONS ERROR: {exc.message}", file=sys.stderr)
        return 2
    if args.notify:
        from .serve import notify
        if not (args.site or args.profiles_index):
            print("OPTIONS ERROR: --notify needs the profile index (--site or --profiles-index)",
                  file=sys.stderr)
            return 2
        indexes_before = {}
        for folder in sorted({request.output_dir for request in requests}):
            try:
                indexes_before[folder] = notify.read_index(os.path.join(folder, notify.INDEX))
            except notify.NotifyError as exc:
                print(f"warning: {exc}; every node will be notified", file=sys.stderr)
                indexes_before[folder] = {}
    report = Report()
    for request in requests:
        try:
            report.merge(run_compile(request))
        except SystemError_ as exc:
            print(f"error: {exc.message}", file=sys.stderr)
            return 1
        except PanError as exc:
            _print_errors([exc], args.error_format)
            return 1
    if args.verbose:
        for line in report.info:
            print(line, file=sys.stderr)
        for warning in report.warnings:
            print(f"warning: {warning}", file=sys.stderr)
    _print_errors(report.errors, args.error_format)
    for exc in report.soft_errors:
        print("warning: " + exc.render(), file=sys.stderr)
    for note in report.notes:
        print(f"note: {note}", file=sys.stderr)
    if args.verbose:
        elapsed = time.monotonic() - started
        print(report.statistics(elapsed), file=sys.stderr)
    status = 1 if report.errors or report.failed else 0
    if args.notify:
        for folder, index_before in indexes_before.items():
            status = notify.after_build(folder, index_before, args.notify_port) or status
    return status


def _print_errors(errors, fmt: str) -> None:
    for exc in errors:
        if fmt == "json":
            print(json.dumps(exc.to_json()), file=sys.stderr)
        elif fmt == "github":
            data = exc.to_json()
            where = f"file={data['file']}"
            if data["line"]:
                where += f",line={data['line']},col={data['column']}"
            message = exc.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            print(f"::error {where},title={exc.heading}::{message}", file=sys.stderr)
        else:
            print(exc.render(), file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
