"""Random but meaningful pan programs for differential testing.

``ProgramGenerator(seed).program(name)`` returns the files of one program:
an object template ``NAME.pan`` and, at random, helper templates under
``NAME/`` (a declaration template with types, functions and final variables,
an ordinary and a unique template to include, a structure template for
``create()``, a data file for ``file_contents()``) and a second object
``NAMEx`` read through an external reference (``value('NAMEx:/path')``).
The object uses every statement kind (assignments, conditional and final
assignments, deletions, ``variable``, ``include`` in its three forms,
``prefix``, ``type``, ``bind``, ``valid``, ``function``), DML blocks with
locals, ``if``/``foreach``/``for``/``while``, every builtin with good and (less
often) bad arguments, operators on every kind of value, and ``null`` and
``undef`` in every position.  Programs are built to compile most of the time,
so that both the outputs and the errors get compared.  The same seed gives
the same programs.
"""

from __future__ import annotations

import random

KINDS = ("long", "double", "string", "boolean", "list", "dict", "null", "undef")
PROPS = ("long", "double", "string", "boolean")
WORDS = ("alpha", "beta", "gamma", "x", "a_b", "k1", "node01", "eth0", "", "A b", "é", "0", "-1",
         "1.5", "true", "/etc/fstab", "a,b,c", "$x", "%s", "\\n", "tab\there")
REGEXES = ("^a", "a|b", "[0-9]+", "^$", ".*", "x{2}", "(a)(b)?", "\\d")
SPLITS = (",", "a", "\\s+", "")
JSON_LISTS = ('[1,2,3]', '["a", null]', '[1.5e3, true]', '[]', '[1,', '{}')
JSON_DICTS = ('{"a": 1}', '{"b": [1, {"c": null}]}', '{"x": 1.0}', '{}')
FOREACH_ITEMS = ("k", "v", 'to_string(k) + ":" + to_string(v)')
KEYS = ("a", "b", "c", "k1", "name", "x_y", "z9", "e1", "key", "Up", "_u", "0a", "aa")


def q(text: str) -> str:
    """A pan string literal for TEXT (double quotes, escaped)."""
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "$":
            out.append("$")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


class ProgramGenerator:
    def __init__(self, seed: int):
        self.r = random.Random(seed)

    # ------------------------------------------------------------ helpers
    def chance(self, p: float) -> bool:
        return self.r.random() < p

    def pick(self, seq):
        return self.r.choice(seq)

    def key(self) -> str:
        return self.pick(KEYS)

    # -------------------------------------------------------- expressions
    def literal(self, kind: str) -> str:
        r = self.r
        if kind == "long":
            return self.pick([str(r.randint(-5, 20)), str(r.randint(-10**6, 10**6)), "0x1F", "017",
                              "9223372036854775807", "-9223372036854775807", str(r.randint(0, 3)), "0"])
        if kind == "double":
            return self.pick(["0.5", "1.0", "-2.25", "1e3", "3.14159", "1.0e-5", "2.5e10", "0.1",
                              "100.0", "7.0", str(round(r.uniform(-100, 100), r.randint(0, 4)) or 1.5)])
        if kind == "string":
            word = self.pick(WORDS)
            return q(word) if self.chance(0.8) else "'" + word.replace("'", "''") + "'"
        if kind == "boolean":
            return self.pick(["true", "false"])
        if kind == "null":
            return "null"
        if kind == "undef":
            return "undef"
        raise ValueError(kind)

    def expr(self, kind: str | None = None, depth: int = 2, scope: dict | None = None) -> str:
        """An expression that should evaluate to KIND (any kind when None)."""
        scope = scope if scope is not None else {}
        if kind is None:
            kind = self.pick(KINDS[:6] + ("null", "undef") if self.chance(0.15) else KINDS[:6])
        if depth <= 0 or self.chance(0.3):
            if kind in ("list", "dict"):
                return self.container(kind, 0, scope)
            local = [n for n, k in scope.items() if k == kind]
            if local and self.chance(0.4):
                return self.pick(local)
            return self.literal(kind)
        if kind == "null":
            return self.pick(["null", f"(if ({self.expr('boolean', depth - 1, scope)}) null else null)",
                              "null"])
        if kind == "undef":
            return self.pick(["undef", f"(if ({self.expr('boolean', depth - 1, scope)}) undef)",
                              f"(if ({self.expr('boolean', 0)}) undef)"])
        maker = getattr(self, "expr_" + kind)
        return maker(depth - 1, scope)

    def container(self, kind: str, depth: int, scope: dict) -> str:
        n = self.r.randint(0, 3)
        if kind == "list":
            return "list(" + ", ".join(self.expr(self.pick(PROPS + ("list",)) if depth else
                                                 self.pick(PROPS), depth - 1, scope) for _ in range(n)) + ")"
        keys = self.r.sample(KEYS, n)
        fn = self.pick(["dict", "nlist", "dict"])
        parts = []
        for k in keys:
            parts += [q(k), self.expr(self.pick(PROPS + ("dict",)) if depth else self.pick(PROPS),
                                      depth - 1, scope)]
        return fn + "(" + ", ".join(parts) + ")"

    def expr_long(self, d, scope):
        e = lambda k="long": self.expr(k, d, scope)  # noqa: E731
        return self.pick([
            lambda: f"({e()} {self.pick(['+', '-', '*'])} {e()})",
            lambda: f"({e()} {self.pick(['/', '%'])} {self.pick(['3', '-2', '7', e()])})",
            lambda: f"({e()} {self.pick(['&', '|', '^'])} {e()})",
            lambda: f"(~({e()}))", lambda: f"(-({e()}))",
            lambda: f"length({self.pick([e('string'), e('list'), e('dict')])})",
            lambda: f"to_long({self.pick([e('double'), q(str(self.r.randint(-99, 99))), e('boolean'), q('0x1f'), q('017')])})",
            lambda: f"index({e('string')}, {e('string')})",
            lambda: f"index({e()}, list({e()}, {e()}, {e()}))",
            lambda: f"length(ip4_to_long({q(self.pick(['10.0.0.1', '192.168.1.254', '255.255.255.255', '1.2.3']))}))",
            lambda: f"max({e()}, {e()}{', ' + e() if self.chance(0.1) else ''})",
            lambda: f"min({e()}, {e()})" if self.chance(0.9) else f"min(list({e()}, {e()}))",
            lambda: f"(if ({e('boolean')}) {e()} else {e()})",
            lambda: self.guarded_value(f"/{self.key()}/{self.key()}", e()),
        ])()

    def expr_double(self, d, scope):
        e = lambda k="double": self.expr(k, d, scope)  # noqa: E731
        return self.pick([
            lambda: f"({e()} {self.pick(['+', '-', '*', '/'])} {self.pick([e(), e('long')])})",
            lambda: f"(-({e()}))",
            lambda: f"to_double({self.pick([e('long'), q(self.pick(['1.5', '2', '-3e2', 'x', '1.0E400']))])})",
            lambda: f"max({e()}, {e('long')})",
            lambda: f"min({e()}, {e()})",
        ])()

    def expr_boolean(self, d, scope):
        e = lambda k="boolean": self.expr(k, d, scope)  # noqa: E731
        k1 = self.pick(PROPS)
        return self.pick([
            lambda: f"({e()} {self.pick(['&&', '||'])} {e()})",
            lambda: f"(!{e()})",
            lambda: f"({self.expr(k1, d, scope)} {self.pick(['==', '!=', '<', '>', '<=', '>='])} "
                    f"{self.expr(k1 if self.chance(0.85) else self.pick(PROPS), d, scope)})",
            lambda: f"{self.pick(['is_long', 'is_double', 'is_string', 'is_boolean', 'is_list', 'is_dict', 'is_nlist', 'is_null', 'is_defined', 'is_property', 'is_resource', 'is_number'])}({self.expr(None, d, scope)})",
            lambda: f"exists({self.pick([q('/' + self.key()), q('/a/' + self.key()), 'SELF'])})",
            lambda: f"path_exists({q('/' + self.key())})",
            lambda: f"match({e('string')}, {q(self.pick(REGEXES))})",
            lambda: f"to_boolean({self.pick([q('true'), q('false'), q('TRUE'), e('long'), q('yes')])})",
            lambda: f"is_valid({self.pick(['long', 'string', 'boolean', 'double'])}, {self.expr(None, d, scope)})",
            lambda: f"file_exists({q(self.pick(['x/none.txt', 'pan/types', 'README']))})",
            lambda: f"is_defined(if_exists({q(self.pick(['none/such', 'p0', 'p1/decl', 'p0x']))}))",
            lambda: f"is_valid({self.pick(['long(0..5)', 'string[]', 'long{}', 'boolean'])}, {self.expr(None, d, scope)})",
        ])()

    def expr_string(self, d, scope):
        e = lambda k="string": self.expr(k, d, scope)  # noqa: E731
        return self.pick([
            lambda: f"({e()} + {e()})",
            lambda: f"to_string({self.expr(self.pick(PROPS), d, scope)})",
            lambda: f"to_uppercase({e()})", lambda: f"to_lowercase({e()})",
            lambda: f"substr({e()}, {self.r.randint(-2, 4)}{', ' + str(self.r.randint(-2, 4)) if self.chance(0.5) else ''})",
            lambda: f"replace({q(self.pick(['a', '[aeiou]', '(.)', '^', 'x*']))}, {q(self.pick(['_', '$1', 'Z', '']))}, {e()})",
            lambda: f"join({q(self.pick([',', ' ', '']))}, list({e()}, {e()}))",
            lambda: f"format({q(self.pick(['%s-%s', '%d', '%5.2f', '%x', '%b', '%s', '%05d', '%-4s|', '%e', '%o']))}, "
                    f"{self.expr(self.pick(PROPS), d, scope)}, {self.expr(self.pick(PROPS), d, scope)})",
            lambda: f"escape({e()})", lambda: f"unescape({q(self.pick(['_2f', 'a_20b', '_', 'x']))})",
            lambda: f"base64_encode({e()})",
            lambda: f"base64_decode({q(self.pick(['YWJj', 'eA==', 'not base64', '']))})",
            lambda: f"digest({q(self.pick(['MD5', 'SHA-1', 'SHA-256', 'SHA-512', 'md2', 'nope']))}, {e()})",
            lambda: f"long_to_ip4({self.expr('long', d, scope)})",
            lambda: f"json_encode({self.expr(None, d, scope)})",
            lambda: f"to_string({self.expr(self.pick(('list', 'dict')), d, scope)})",
            lambda: f"(if ({self.expr('boolean', d, scope)}) {e()} else {e()})",
            lambda: f"OBJECT", lambda: f"TEMPLATE",
            lambda: f"substitute({q(self.pick(['${OBJECT}-x', 'a${b}', '$$', 'plain']))}{', dict(' + q('b') + ', ' + e() + ')' if self.chance(0.6) else ''})",
            lambda: f"key(dict({q(self.key())}, 1, {q(self.key())}, 2), {self.r.randint(0, 2)})",
            lambda: f"join('|', split({q(self.pick(SPLITS))}, {e()}))",
            lambda: f"join(',', matches({e()}, {q(self.pick(['(a)(b)?', '^(.*)$', '([0-9]+)']))}))",
        ])()

    def expr_list(self, d, scope):
        e = lambda k="list": self.expr(k, d, scope)  # noqa: E731
        return self.pick([
            lambda: self.container("list", d, scope),
            lambda: f"merge({e()}, {e()})",
            lambda: f"append({e()}, {self.expr(None, d, scope)})",
            lambda: f"prepend({e()}, {self.expr(None, d, scope)})",
            lambda: f"splice({e()}, {self.r.randint(-1, 2)}, {self.r.randint(0, 2)}{', ' + e() if self.chance(0.5) else ''})",
            lambda: f"split({q(self.pick([',', ' ', '(?=b)', 'x']))}, {self.expr('string', d, scope)})",
            lambda: f"split({q(',')}, {self.r.randint(-1, 2)}, {q('a,b,,c,,')})",
            lambda: f"matches({self.expr('string', d, scope)}, {q(self.pick(['(a)(b)?', '^(.*)$', '([0-9]+)', '(']))})",
            lambda: f"clone({e()})",
            lambda: f"ip4_to_long({q(self.pick(['10.1.2.3/24', '172.16.0.1/255.255.0.0', '10.0.0.1']))})",
            lambda: f"json_decode({q(self.pick(JSON_LISTS))})",
            lambda: self.guarded_value(f"/{self.key()}", e()),
            lambda: f"list({self.expr(None, d, scope)})",
        ])()

    def expr_dict(self, d, scope):
        e = lambda k="dict": self.expr(k, d, scope)  # noqa: E731
        return self.pick([
            lambda: self.container("dict", d, scope),
            lambda: f"merge({e()}, {e()})",
            lambda: f"json_decode({q(self.pick(JSON_DICTS))})",
            lambda: f"dict({q(self.key())}, {self.expr(None, d, scope)})",
            lambda: f"clone({e()})",
            lambda: self.guarded_value(f"/{self.key()}", e()),
        ])()

    # ---------------------------------------------------------- DML blocks
    def block(self, kind: str | None, depth: int, scope: dict | None = None, in_function=False) -> str:
        scope = dict(scope or {})
        stmts = []
        for _ in range(self.r.randint(0, 4)):
            stmts.append(self.dml_statement(scope, depth, in_function))
        result = self.expr(kind, depth, scope)
        if self.chance(0.1):
            result = self.pick(["SELF", "null", "undef"]) if not in_function else result
        stmts.append(result)
        return "{ " + " ".join(s + ";" for s in stmts) + " }"

    def dml_statement(self, scope: dict, depth: int, in_function: bool) -> str:
        r = self.r
        name = self.pick(["x", "y", "z", "tmp", "res"])
        choice = r.randint(0, 11)
        if choice <= 3:
            kind = self.pick(KINDS[:6]) if self.chance(0.9) else self.pick(("null", "undef"))
            stmt = f"{name} = {self.expr(kind, depth, scope)}"
            scope[name] = kind
            return stmt
        if choice == 4:
            sub = self.pick([f"[{q(self.key())}]", f"[{r.randint(0, 2)}]", f"[{q(self.key())}][{q(self.key())}]"])
            scope[name] = "dict" if sub.startswith('["') else "list"
            return f"{name}{sub} = {self.expr(None, depth - 1, scope)}"
        if choice == 5:
            kind = scope.setdefault(name, "long")
            return (f"if ({self.expr('boolean', depth - 1, scope)}) {{ {name} = {self.expr(kind, 1, scope)}; }} "
                    f"else {{ {name} = {self.expr(kind, 1, scope)}; }}")
        if choice == 6:
            scope["acc"] = "list"
            src = self.expr(self.pick(["list", "dict"]), depth - 1, scope)
            return (f"acc = list(); foreach (k; v; {src}) {{ acc[length(acc)] = "
                    f"{self.pick(FOREACH_ITEMS)}; }}")
        if choice == 7:
            scope["n"] = "long"
            return f"n = 0; for (i = 0; i < {r.randint(0, 5)}; i = i + 1) {{ n = n + i; }}"
        if choice == 8:
            scope["w"] = "long"
            return f"w = {r.randint(0, 3)}; while (w < {r.randint(0, 6)}) {{ w = w + 1; }}"
        if choice == 9:
            scope["s"] = "dict"
            return f"s = dict(); s[{q(self.key())}] = {self.expr(None, 1, scope)}; s[{q(self.key())}] = null"
        if choice == 11 and self.chance(0.6):
            scope["cnt"] = "long"
            src = self.expr(self.pick(["list", "dict"]), depth - 1, scope)
            return (f"src = {src}; cnt = 0; ok = first(src, k, v); "
                    f"while (ok) {{ cnt = cnt + 1; ok = next(src, k, v); }}")
        if choice == 11:
            scope["del"] = self.pick(["dict", "list"])
            if scope["del"] == "dict":
                return (f"del = dict({q(self.key())}, 1, 'a', {self.expr(None, 1, scope)}); "
                        f"delete(del[{self.pick([q('a'), q(self.key()), '0'])}])")
            return f"del = list(1, {self.expr(None, 1, scope)}); delete(del[{self.pick(['0', '1', '5', '-1'])}])"
        if choice == 10 and not in_function:
            return f"SELF[{q(self.key())}] = {self.expr(None, 1, scope)}" if self.chance(0.2) else \
                f"{name} = {self.expr('long', depth, scope)}"
        scope[name] = "long"
        return f"{name} = {self.expr('long', depth, scope)}"

    # ---------------------------------------------------------- templates
    def program(self, name: str) -> dict[str, str]:
        r = self.r
        files: dict[str, str] = {}
        body: list[str] = []
        ns = name
        types = []
        funcs = []
        has_decl = self.chance(0.5)
        if has_decl:
            decl = [f"declaration template {ns}/decl;"]
            decl.append(f"type {ns}_port = long(1..65535);")
            decl.append(f"type {ns}_name = string with match(SELF, '^[a-z]') || error('bad name: ' + SELF);")
            decl.append(f"type {ns}_rec = {{ 'port' : {ns}_port = 80 'name' ? {ns}_name 'tags' : string[] = list('t') "
                        f"'opts' ? long{{}} 'flag' : boolean = {self.pick(['true', 'false'])} "
                        f"{'' if self.chance(0.5) else chr(39) + 'more' + chr(39) + ' ? double(0..) '}}};")
            decl.append(f"type {ns}_list = {ns}_rec[{self.pick(['', '1..3', '2'])}];")
            decl.append(f"final variable {ns.upper()}_CONST = {self.expr(self.pick(PROPS), 1)};")
            decl.append(f"function {ns}_f = {{ if (ARGC == 0) return(0); t = 0; foreach (i; v; ARGV) "
                        f"{{ if (is_long(v)) t = t + v; }}; t; }};")
            decl.append(f"function {ns}_rec = {{ if (ARGV[0] <= 0) return(list()); "
                        f"append({ns}_rec(ARGV[0] - 1), ARGV[0]); }};")
            files[f"{ns}/decl.pan"] = "\n".join(decl) + "\n"
            types = [f"{ns}_rec", f"{ns}_list", f"{ns}_port", f"{ns}_name"]
            funcs = [f"{ns}_f", f"{ns}_rec"]
        if self.chance(0.3):
            files[f"{ns}/inc.pan"] = (f"template {ns}/inc;\n'/inc/{self.key()}' = {self.expr(None, 2)};\n"
                                      f"variable INC_V ?= {self.expr(self.pick(PROPS), 1)};\n")
        if self.chance(0.25):
            files[f"{ns}/uniq.pan"] = (f"unique template {ns}/uniq;\n"
                                       f"'/uniq/count' = if (exists('/uniq/count')) value('/uniq/count') + 1 else 1;\n")
        if self.chance(0.3):
            files[f"{ns}/st.pan"] = (f"structure template {ns}/st;\n'a' = {self.expr(None, 1)};\n"
                                     f"'b/c' = {self.expr(self.pick(PROPS), 1)};\n")
        if self.chance(0.2):
            files[f"{ns}/data.txt"] = self.pick(["hello\n", "a=1\nb=2\n", "", "é ü\n"])
        ext = self.chance(0.15)
        if ext:
            files[f"{ns}x.pan"] = (f"object template {ns}x;\n'/a' = {self.expr(None, 2)};\n"
                                   f"'/b/c' = {self.expr(self.pick(PROPS), 1)};\n")

        head = f"object template {ns};"
        if has_decl:
            body.append(f"include '{ns}/decl';")
        for _ in range(r.randint(2, 9)):
            body.append(self.statement(ns, files, types, funcs, ext))
        return {f"{ns}.pan": head + "\n" + "\n".join(body) + "\n", **files}

    def path(self) -> str:
        keys = [self.key() for _ in range(self.r.randint(1, 3))]
        if self.chance(0.8):
            self.serial = getattr(self, "serial", 0) + 1
            keys[0] = f"s{self.serial}"
        return "/" + "/".join(keys)

    def guarded_value(self, path: str, default: str) -> str:
        if self.chance(0.1):
            return f"value('{path}')"
        return f"(if (exists('{path}')) value('{path}') else {default})"

    def statement(self, ns: str, files: dict, types: list, funcs: list, ext: bool) -> str:
        r = self.r
        p = self.path()
        choice = r.randint(0, 19)
        if choice <= 4:
            return f"'{p}' = {self.expr(None, r.randint(0, 3))};"
        if choice == 5:
            return f"'{p}' = {self.block(None, 2)};"
        if choice == 6:
            return f"'{p}' ?= {self.expr(None, 2)};"
        if choice == 7:
            return f"final '{p}' = {self.expr(self.pick(PROPS), 1)};" + \
                (f"\n'{p}' = 1;" if self.chance(0.1) else "")
        if choice == 8:
            return f"'{p}' = null;"
        if choice == 9:
            name = self.pick(["V1", "V2", "V3"])
            op = self.pick(["=", "?=", "=", "="])
            return f"{'final ' if self.chance(0.1) else ''}variable {name} {op} {self.expr(None, 2)};\n" \
                   f"'/vars/{name.lower()}' = {name};"
        if choice == 10:
            inc = [t for t in files if t.startswith(f"{ns}/") and t.endswith(".pan")
                   and t not in (f"{ns}/st.pan", f"{ns}/decl.pan")]
            target = self.pick(inc)[:-4] if inc else self.pick([f"{ns}/missing", f"{ns}/decl"])
            form = r.randint(0, 3)
            if form == 0:
                return f"include '{target}';"
            if form == 1:
                return f"include if_exists('{self.pick([target, ns + '/nope'])}');"
            if form == 2:
                return f"include {{ if ({self.expr('boolean', 1)}) '{target}' else null }};"
            return f"include {self.pick(['null', 'undef'])};"
        if choice == 11:
            return f"prefix '{p}';\n'{self.key()}' = {self.expr(None, 1)};\n'{self.key()}/{self.key()}' = {self.expr(None, 1)};\nprefix '';"
        if choice == 12 and types:
            t = self.pick(types)
            val = self.pick([
                f"dict('port', {self.pick(['22', '0', '70000', q('x')])}, 'name', {q(self.pick(['web', 'Web', 'a1']))})",
                "dict()", f"dict('tags', list({q('x')}, {self.pick(['1', q('y')])}))",
                f"list(dict(), dict('port', 8080))", self.pick(['22', '0', q('abc'), q('Abc')]),
                f"dict('opts', dict('a', {self.pick(['1', q('b')])}), 'flag', {self.pick(['true', '1'])})",
            ])
            return f"'/typed{p}' = {val};\nbind '/typed{p}' = {t};"
        if choice == 13:
            t = self.pick(["long", "string", "boolean", "double", "long(0..10)", "string[]", "long{}",
                           "string(1..3)", "list", "dict", "property", "resource", "nlist", "number"])
            return f"'/b{p}' = {self.expr(None, 1)};\nbind '/b{p}' = {t};"
        if choice == 14:
            return f"'/v{p}' = {self.expr('long', 1)};\nvalid '/v{p}' = {self.pick(['SELF >= 0', 'is_long(SELF)', 'SELF < 100 || error(' + q('too big') + ')', 'true'])};"
        if choice == 15:
            fname = f"{ns}_g{r.randint(0, 9)}"
            return (f"function {fname} = {self.block(None, 2, {'ARGC': 'long'}, True)};\n"
                    f"'/fn{p}' = {fname}({', '.join(self.expr(None, 1) for _ in range(r.randint(0, 2)))});")
        if choice == 16 and funcs:
            f = self.pick(funcs)
            return f"'/call{p}' = {f}({', '.join(self.expr(self.pick(['long', 'long', 'string']), 1) for _ in range(r.randint(0, 3)))});"
        if choice == 17 and f"{ns}/st.pan" in files:
            args = self.pick(["", f", 'a', {self.expr(None, 1)}", f", 'z', 3"])
            return f"'/st{p}' = create('{ns}/st'{args});"
        if choice == 18 and ext:
            return f"'/ext{p}' = value('{ns}x:{self.pick(['/a', '/b/c', '/b', '/none'])}');"
        if choice == 19:
            return self.pick([
                f"type {ns}_t{r.randint(0, 3)} = {self.pick(['long(0..)', 'string', 'long[]', 'boolean{}'])};",
                f"'{p}' = {self.pick(['error', 'debug', 'deprecated', 'traceback'])}"
                f"({'0, ' if self.chance(0.3) else ''}{q('message')});" if self.chance(0.3) else
                f"'{p}' = file_contents('{self.pick([f'{ns}/data.txt', f'{ns}/nofile.txt'])}');",
                f"'{p}' = {self.expr(None, 3)};",
            ])
        return f"'{p}' = {self.expr(None, 2)};"
