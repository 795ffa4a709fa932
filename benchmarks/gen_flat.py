#!/usr/bin/env python3
"""Write the large-flat-template workload: a few huge, flat pan files.

Sites keep generated data (inventories, address plans, package lists) in templates of tens of thousands of
statements.  This writes ``--files`` ordinary templates (default 10) of ``--statements`` statements each
(default 20,000) and one object template, ``profiles/flat.pan``, that includes them all:

- about 70% assignments of literals (strings, longs, doubles, booleans, lists and dicts of them),
  half of them under a ``prefix``;
- about 15% assignments whose value calls a function: builtins (``format``, ``list``, ``dict``,
  ``to_uppercase``, ``length``, ``merge``) and one user function from a declaration template;
- about 8% ``variable`` statements, read back by later assignments;
- about 5% ``include`` statements of small templates (``flat/common/snippet-NN``);
- ``prefix`` statements and comments in between.

The output is deterministic (a fixed seed).  Compile it with
``panc --include-path DIR --formats json,dep DIR/profiles/flat.pan``.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil

SNIPPETS = 20


def declarations() -> str:
    return """declaration template flat/common/functions;

function flat_label = {
    if (ARGC != 2) error('flat_label needs 2 arguments');
    format('%s-%05d', ARGV[0], ARGV[1]);
};

type flat_entry = {
    'name' : string
    'size' ? long(0..)
};
"""


def snippet(k: int) -> str:
    return (f"template flat/common/snippet-{k:02d};\n\n"
            f"'/flat/snippets/s{k:02d}/count' = {k};\n"
            f"'/flat/snippets/s{k:02d}/name' = 'snippet {k}';\n")


def data_template(index: int, statements: int, rng: random.Random) -> str:
    name = f"flat/data/part-{index:02d}"
    lines = [f"template {name};", "", "include 'flat/common/functions';", ""]
    prefix = None
    variables: list[str] = []
    n = 0
    while n < statements:
        group = n // 50
        r = rng.random()
        if n % 500 == 0:
            lines.append(f"# block {n // 500} of {name}")
        if n % 1000 == 0:
            prefix = f"/flat/p{index:02d}/prefixed/g{group:04d}" if prefix is None else None
            lines.append(f"prefix '{prefix}';" if prefix else "prefix '';")
            n += 1
            continue
        key = f"k{n:05d}"
        path = f"'{key}'" if prefix else f"'/flat/p{index:02d}/g{group:04d}/{key}'"
        if prefix and r >= 0.70:
            path = f"'{prefix}/{key}'"
        if r < 0.70:
            lines.append(f"{path} = {literal(rng, n)};")
        elif r < 0.85:
            lines.append(f"{path} = {call(rng, n, variables)};")
        elif r < 0.93:
            var = f"FLAT_{index:02d}_{n:05d}"
            lines.append(f"variable {var} = {literal(rng, n)};")
            variables.append(var)
        elif r < 0.98:
            lines.append(f"include 'flat/common/snippet-{rng.randrange(SNIPPETS):02d}';")
        else:
            lines.append(f"{path} ?= '{key}';")
        n += 1
    return "\n".join(lines) + "\n"


def literal(rng: random.Random, n: int) -> str:
    r = rng.randrange(7)
    if r == 0:
        return f"'value-{n}-{rng.randrange(10**6)}'"
    if r == 1:
        return str(rng.randrange(-10**9, 10**9))
    if r == 2:
        return f"{rng.randrange(10**4)}.{rng.randrange(100):02d}"
    if r == 3:
        return rng.choice(("true", "false"))
    if r == 4:
        return f'"host{n}.example.org"'
    if r == 5:
        return "list(" + ", ".join(f"'item{n}-{i}'" for i in range(rng.randrange(1, 5))) + ")"
    return f"dict('name', 'e{n}', 'size', {rng.randrange(10**6)}, 'enabled', true)"


def call(rng: random.Random, n: int, variables: list[str]) -> str:
    r = rng.randrange(7)
    if r == 0:
        return f"format('%s/%d', 'node', {n})"
    if r == 1:
        return f"flat_label('entry', {n})"
    if r == 2:
        return f"to_uppercase('name-{n}')"
    if r == 3:
        return f"length('{'x' * (n % 17)}')"
    if r == 4 and variables:
        return f"{rng.choice(variables[-200:])}"
    if r == 5:
        return f"merge(dict('a', {n}), dict('b', '{n}'))"
    return f"list({n}, {n + 1}, '{n}')"


def write_workload(out: str, files: int, statements: int, seed: int = 1) -> tuple[int, int]:
    """Write the workload into ``out`` (replaced); returns (files, bytes)."""
    rng = random.Random(seed)
    shutil.rmtree(out, ignore_errors=True)
    written: dict[str, str] = {"flat/common/functions.pan": declarations()}
    for k in range(SNIPPETS):
        written[f"flat/common/snippet-{k:02d}.pan"] = snippet(k)
    for i in range(files):
        written[f"flat/data/part-{i:02d}.pan"] = data_template(i, statements, rng)
    includes = "".join(f"include 'flat/data/part-{i:02d}';\n" for i in range(files))
    written["profiles/flat.pan"] = ("object template profiles/flat;\n\n"
                                    "'/system/network/hostname' = 'flat';\n" + includes)
    size = 0
    for rel, text in written.items():
        path = os.path.join(out, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as fh:
            fh.write(text)
        size += len(text)
    return len(written), size


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", help="workload folder (replaced)")
    ap.add_argument("--files", type=int, default=10, help="large templates (default 10)")
    ap.add_argument("--statements", type=int, default=20000, help="statements per large template (default 20,000)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    count, size = write_workload(args.out, args.files, args.statements, args.seed)
    print(f"wrote {count} templates, {size / 1024:.0f} KiB, into {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
