"""The ``panc-review`` command (also ``panc-diff`` and ``panc-impact``).

``panc-review diff OLD NEW`` compares two builds or profiles;
``panc-review diff --git REV [REV2]`` builds two revisions of the site in git
(the working tree by default for the newer side) and compares them;
``panc-review impact TEMPLATE…`` or ``--git RANGE`` lists the objects whose
profiles may change.  Output goes to stdout or ``--output FILE`` (written
only once complete).  Exit status: 0, or 1 with ``--exit-code`` when there
are differences; 2 for errors, which are one line (or panc's error text for
a revision that does not compile), never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile

from .builds import BuildDiff, Filters, diff_sides
from .profiles import ReviewError, open_side

FORMATS = ("text", "markdown", "json", "html")


def _diff_parser(prog: str) -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog=prog, description="Show what a change does to the generated configurations.")
    ap.add_argument("sides", nargs="*", metavar="OLD NEW",
                    help="two builds, profile folders or profiles; with --git, one or two revisions")
    ap.add_argument("--git", action="store_true",
                    help="the arguments are git revisions: build both (the working tree if only one is given)")
    ap.add_argument("--repo", default=".", help="with --git: the repository (default: current directory)")
    ap.add_argument("--site", default=".", help="with --git: the site root inside the repository (default: top)")
    ap.add_argument("-j", "--jobs", type=int, default=0, help="with --git: compile workers (0 = one per CPU)")
    _output_options(ap)
    ap.add_argument("--ignore", action="append", default=[], metavar="PATH-GLOB",
                    help="skip configuration paths (/...) or rendered files matching the glob (repeatable)")
    ap.add_argument("--object", action="append", default=[], metavar="GLOB",
                    help="only objects whose name matches the glob (repeatable)")
    ap.add_argument("--exit-code", action="store_true", help="exit with 1 when there are differences")
    for fmt in ("markdown", "json", "html"):
        ap.add_argument(f"--{fmt}", metavar="FILE", dest=f"also_{fmt}",
                        help=f"also write the {fmt} output to FILE (one build, several reports)")
    ap.add_argument("--max-size", type=int, default=None, metavar="CHARS",
                    help="markdown: truncate past this many characters (default 60000)")
    return ap


def _impact_parser(prog: str) -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog=prog, description="List the objects whose profiles may change, "
                                 "from the last build's dependency data, without compiling.")
    ap.add_argument("changes", nargs="*", metavar="TEMPLATE|FILE",
                    help="template names (site/xen) or files (sites/example/site/xen.pan)")
    ap.add_argument("--git", metavar="RANGE", help="the files changed in a git range (A..B) or since a revision")
    ap.add_argument("--site", default=".", help="the site root (default: current directory)")
    ap.add_argument("--build", default=None, help="the build folder (default: SITE/build)")
    _output_options(ap, formats=("text", "markdown", "json"))
    return ap


def _output_options(ap: argparse.ArgumentParser, formats=FORMATS) -> None:
    ap.add_argument("--format", choices=formats, default="text", help="output format (default text)")
    ap.add_argument("-o", "--output", default=None, help="write to this file instead of stdout")
    ap.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                    help="text: colour (default auto: on a terminal, unless NO_COLOR is set)")


def _emit(text: str, output: str | None) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    folder = os.path.dirname(os.path.abspath(output))
    if not os.path.isdir(folder):
        raise ReviewError(f"cannot write {output}: no folder {folder}")
    fd, tmp = tempfile.mkstemp(prefix=".panc-review-", dir=folder)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, output)


def _colour(args) -> bool:
    if args.color != "auto":
        return args.color == "always"
    return args.output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def render(diff: BuildDiff, fmt: str, colour: bool = False, max_size: int | None = None) -> str:
    if fmt == "markdown":
        from .render_markdown import DEFAULT_LIMIT, render_markdown
        return render_markdown(diff, max_size or DEFAULT_LIMIT)
    if fmt == "json":
        from .render_json import render_json
        return render_json(diff)
    if fmt == "html":
        from .render_html import render_html
        return render_html(diff)
    from .render_text import render_text
    return render_text(diff, colour)


def run_diff(args) -> int:
    filters = Filters(tuple(args.ignore), tuple(args.object))
    if args.git:
        if not 1 <= len(args.sides) <= 2:
            raise ReviewError("--git takes one or two revisions (the working tree is the newer side by default)")
        from .gitrevs import diff_revisions
        builds = diff_revisions(args.repo, args.sides[0], args.sides[1] if len(args.sides) > 1 else None,
                                args.site, args.jobs, filters)
        for label, rep in ((builds.diff.old_label, builds.old_report), (builds.diff.new_label, builds.new_report)):
            print(f"panc-review: built {label}: {rep.compiled} objects compiled, {rep.skipped} up to date",
                  file=sys.stderr)
        diff = builds.diff
    else:
        if len(args.sides) != 2:
            raise ReviewError("diff needs two builds or profiles: OLD NEW (or --git REV [REV2])")
        old, new = open_side(args.sides[0]), open_side(args.sides[1])
        if os.path.isfile(args.sides[0]) and os.path.isfile(args.sides[1]):
            # Two profile files are two versions of one object, whatever their names.
            new.profiles = {name: path for name in old.profiles for path in new.profiles.values()}
        diff = diff_sides(old, new, filters)
    _emit(render(diff, args.format, _colour(args), args.max_size), args.output)
    for fmt in ("markdown", "json", "html"):
        target = getattr(args, f"also_{fmt}")
        if target:
            _emit(render(diff, fmt, max_size=args.max_size), target)
    return 1 if args.exit_code and diff.has_differences else 0


def run_impact(args) -> int:
    from .impact import changed_files, compute_impact, find_state, load_state
    if not args.changes and not args.git:
        raise ReviewError("impact needs templates or files, or --git RANGE")
    state = load_state(find_state(args.build or args.site))
    templates, files = [], []
    for item in args.changes:
        # A path that exists, or ends like a template file, is a file; anything else a template name.
        if os.path.exists(item) or item.endswith((".pan", ".tpl")):
            files.append(os.path.abspath(item))
        else:
            templates.append(item)
    if args.git:
        from .gitrevs import repo_top
        files += changed_files(repo_top(args.site), args.git)
    result = compute_impact(state, templates, files)
    _emit(_render_impact(result, args.format), args.output)
    return 0


def _render_impact(result, fmt: str) -> str:
    if fmt == "json":
        return json.dumps({"objects": [{"name": n, "reason": r} for n, r in result.objects.items()],
                           "total": result.total, "unmatched": result.unmatched}, indent=1) + "\n"
    head = f"{len(result.objects)} of {result.total} objects may change"
    width = max((len(n) for n in result.objects), default=0)
    if fmt == "markdown":
        lines = [f"**{head}**", ""] + [f"- `{n}`: {r}" for n, r in result.objects.items()]
    else:
        lines = [head + (":" if result.objects else "")] + [f"  {n:<{width}}  {r}" for n, r in result.objects.items()]
    if result.unmatched:
        lines.append("")
        lines += [f"no object of the last build reads {u}" for u in result.unmatched]
    return "\n".join(lines) + "\n"


def _main(parser, runner, argv) -> int:
    args = parser.parse_args(argv)
    try:
        return runner(args)
    except ReviewError as exc:
        print(f"{parser.prog}: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"{parser.prog}: error: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def diff_main(argv: list[str] | None = None) -> int:
    return _main(_diff_parser("panc-diff"), run_diff, argv)


def impact_main(argv: list[str] | None = None) -> int:
    return _main(_impact_parser("panc-impact"), run_impact, argv)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in ("diff", "impact"):
        print("usage: panc-review diff OLD NEW | diff --git REV [REV2] | impact TEMPLATE… | impact --git RANGE\n"
              "       panc-review diff --help, panc-review impact --help", file=sys.stderr)
        return 2
    if argv[0] == "diff":
        return _main(_diff_parser("panc-review diff"), run_diff, argv[1:])
    return _main(_impact_parser("panc-review impact"), run_impact, argv[1:])


if __name__ == "__main__":
    sys.exit(main())
