"""Java's ``String.format`` for pan values (what panc's format() calls).

Arguments are Python values standing for the Java objects panc passes:
``str`` (java.lang.String, also used for resources), ``int`` (Long),
``float`` (Double), ``bool`` (Boolean).  The whole of java.util.Formatter's
syntax is honoured: ``%[index$][flags][width][.precision]conversion`` with
``b h s c d o x e f g a t % n`` (and upper-case forms), flags ``-#+ 0,(<``,
which conversion accepts which type, Java's rounding (HALF_UP on the shortest
decimal digits of a double) and Java's exception messages, raised as
``JavaFormatError`` (e.g. ``d != java.lang.Double``, ``Format specifier '%s'``).
Date/time conversions (``%tY`` on a long) use UTC and the US locale.
"""

from __future__ import annotations

import datetime
import math
import re
import struct
from functools import lru_cache

from .javacompat import from_utf16, java_string_hash, to_utf16, utf16_len
from .values import java_double_str


class JavaFormatError(ValueError):
    """A java.util.IllegalFormatException; ``str()`` is Java's getMessage()."""


_SPEC_RE = re.compile(r"%(\d+\$)?([-#+ 0,(<]*)?(\d+)?(\.\d+)?([tT])?([a-zA-Z%])")
_VALID = frozenset("bBhHsScCdoxXeEfgGaAtT%n")
_DATETIME = frozenset("HIklMSLNpzZsQBbhAaCYyjmdeRTrDFc")
_FLAG_ORDER = "-^#+ 0,(<"
_JAVA_CLASS = {str: "java.lang.String", int: "java.lang.Long", float: "java.lang.Double",
               bool: "java.lang.Boolean"}
_INT_MIN = -(1 << 31)


def _flags_str(flags: str) -> str:
    return "".join(f for f in _FLAG_ORDER if f in flags)


class _Spec:
    __slots__ = ("index", "flags", "width", "precision", "dt", "conv")

    def __init__(self, conv: str, index: int = 0, flags: str = "", width: int = -1,
                 precision: int = -1, dt: bool = False):
        self.index = index            # 0 ordinary, -1 previous ('<'), -2 text, n explicit
        self.flags = flags            # flag characters, '^' for upper case
        self.width = width
        self.precision = precision
        self.dt = dt
        self.conv = conv

    def __str__(self) -> str:
        out = "%" + _flags_str(self.flags.replace("^", ""))
        if self.index > 0:
            out += f"{self.index}$"
        if self.width != -1:
            out += str(self.width)
        if self.precision != -1:
            out += f".{self.precision}"
        upper = "^" in self.flags
        if self.dt:
            out += "T" if upper else "t"
        return out + (self.conv.upper() if upper else self.conv)

    def fail_mismatch(self, flag: str):
        raise JavaFormatError(f"Conversion = {self.conv}, Flags = {flag}")

    def check_bad(self, bad: str) -> None:
        for flag in bad:
            if flag in self.flags:
                self.fail_mismatch(flag)

    def need_width(self) -> None:
        if self.width == -1 and "-" in self.flags:
            raise JavaFormatError(str(self))


def _parse_int(text: str, exc: str) -> int:
    value = int(text)
    if value > 0x7FFFFFFF:
        if exc == "index":
            raise JavaFormatError("Format argument index: (not representable as int)")
        raise JavaFormatError(str(_INT_MIN))
    return value


def _make_spec(m: re.Match) -> _Spec:
    spec = _Spec("")
    index, flags, width, precision, tt, conv = m.groups()
    if index is not None:
        spec.index = _parse_int(index[:-1], "index")
        if spec.index <= 0:
            raise JavaFormatError(f"Illegal format argument index = {spec.index}")
    for f in flags or "":
        if f in spec.flags:
            raise JavaFormatError(f"Flags = '{f}'")
        spec.flags += f
    if "<" in spec.flags:
        spec.index = -1
    if width is not None:
        spec.width = _parse_int(width, "width")
    if precision is not None:
        spec.precision = _parse_int(precision[1:], "precision")
    if tt is not None:
        spec.dt = True
        if tt == "T":
            spec.flags += "^"
        spec.conv = conv
        _check_datetime(spec)
        return spec
    if conv not in _VALID or conv in "tT":
        raise JavaFormatError(f"Conversion = '{conv}'")
    if conv.isupper():
        spec.flags += "^"
    spec.conv = conv = conv.lower()
    if conv in "%n":
        spec.index = -2
    _check(spec)
    return spec


def _check_datetime(spec: _Spec) -> None:
    if spec.precision != -1:
        raise JavaFormatError(str(spec.precision))
    if spec.conv not in _DATETIME:
        raise JavaFormatError(f"Conversion = 't{spec.conv}'")
    spec.check_bad("#+ 0,(")
    spec.need_width()


def _check_numeric(spec: _Spec) -> None:
    f = spec.flags
    if spec.width == -1 and ("-" in f or "0" in f):
        raise JavaFormatError(str(spec))
    if ("+" in f and " " in f) or ("-" in f and "0" in f):
        raise JavaFormatError(f"Flags = '{_flags_str(f)}'")


def _check(spec: _Spec) -> None:
    c = spec.conv
    if c in "bhs":
        if c in "bh" and "#" in spec.flags:
            spec.fail_mismatch("#")
        spec.need_width()
        spec.check_bad("+ 0,(")
    elif c == "c":
        if spec.precision != -1:
            raise JavaFormatError(str(spec.precision))
        spec.check_bad("#+ 0,(")
        spec.need_width()
    elif c in "dox":
        _check_numeric(spec)
        if spec.precision != -1:
            raise JavaFormatError(str(spec.precision))
        spec.check_bad("#" if c == "d" else ",")
    elif c in "efga":
        _check_numeric(spec)
        spec.check_bad({"f": "", "a": "(,", "e": ",", "g": "#"}[c])
    else:  # '%' and 'n'
        if spec.precision != -1:
            raise JavaFormatError(str(spec.precision))
        f = spec.flags.replace("^", "")
        if c == "%":
            if f not in ("", "-"):
                raise JavaFormatError(f"Flags = '{_flags_str(spec.flags)}'")
            spec.need_width()
        else:
            if spec.width != -1:
                raise JavaFormatError(str(spec.width))
            if spec.flags:
                raise JavaFormatError(f"Flags = '{_flags_str(spec.flags)}'")


@lru_cache(maxsize=1024)
def _parse(fmt: str) -> tuple:
    """The format string as fixed text (str) and specifiers, or the parse error."""
    out: list = []
    i, n = 0, len(fmt)
    while i < n:
        p = fmt.find("%", i)
        if p < 0:
            out.append(fmt[i:])
            break
        if p != i:
            out.append(fmt[i:p])
        i = p + 1
        if i >= n:
            raise JavaFormatError("Conversion = '%'")
        c = fmt[i]
        if c in _VALID and c not in "tT":
            spec = _Spec(c.lower())
            if c.isupper():
                spec.flags = "^"
            if c in "%n":
                spec.index = -2
            out.append(spec)
            i += 1
            continue
        m = _SPEC_RE.match(fmt, p)
        if m is None:
            raise JavaFormatError(f"Conversion = '{c}'")
        out.append(_make_spec(m))
        i = m.end()
    return tuple(out)


def java_format(fmt: str, args) -> str:
    """``String.format(fmt, args)``; JavaFormatError with Java's message."""
    out: list[str] = []
    last = -1
    ordinary = -1
    nargs = len(args)
    for part in _parse(fmt):
        if type(part) is str:
            out.append(part)
            continue
        index = part.index
        if index == -2:
            out.append(_justify(part, "%") if part.conv == "%" else "\n")
            continue
        if index == -1:
            if last < 0 or last > nargs - 1:
                raise JavaFormatError(f"Format specifier '{part}'")
        elif index == 0:
            ordinary += 1
            last = ordinary
            if last > nargs - 1:
                raise JavaFormatError(f"Format specifier '{part}'")
        else:
            last = index - 1
            if last > nargs - 1:
                raise JavaFormatError(f"Format specifier '{part}'")
        out.append(_print(part, args[last]))
    return "".join(out)


# ------------------------------------------------------------- printing

def _fail(spec: _Spec, arg):
    raise JavaFormatError(f"{spec.conv} != {_JAVA_CLASS[type(arg)]}")


def _justify(spec: _Spec, s: str) -> str:
    width = spec.width
    if width == -1:
        return s
    pad = width - utf16_len(s)
    if pad <= 0:
        return s
    return s + " " * pad if "-" in spec.flags else " " * pad + s


def _print_text(spec: _Spec, s: str) -> str:
    if spec.precision != -1 and spec.precision < utf16_len(s):
        s = from_utf16(to_utf16(s)[:spec.precision])
    if "^" in spec.flags:
        s = s.upper()
    return _justify(spec, s)


def _java_hash(arg) -> int:
    t = type(arg)
    if t is str:
        return java_string_hash(arg)
    if t is bool:
        return 1231 if arg else 1237
    if t is int:
        v = arg & 0xFFFFFFFFFFFFFFFF
        return (v ^ (v >> 32)) & 0xFFFFFFFF
    bits = struct.unpack(">Q", struct.pack(">d", arg))[0]
    if math.isnan(arg):
        bits = 0x7FF8000000000000
    return (bits ^ (bits >> 32)) & 0xFFFFFFFF


def _print(spec: _Spec, arg) -> str:
    if spec.dt:
        if type(arg) is not int:
            raise JavaFormatError(f"{spec.conv} != {_JAVA_CLASS[type(arg)]}")
        return _print_text(spec, _datetime(spec.conv, arg))
    c = spec.conv
    t = type(arg)
    if c == "s":
        if "#" in spec.flags:
            spec.fail_mismatch("#")
        if t is float:
            text = java_double_str(arg)
        elif t is bool:
            text = "true" if arg else "false"
        else:
            text = str(arg)
        return _print_text(spec, text)
    if c == "b":
        return _print_text(spec, ("true" if arg else "false") if t is bool else "true")
    if c == "h":
        return _print_text(spec, f"{_java_hash(arg):x}")
    if c in "dox":
        if t is not int:
            _fail(spec, arg)
        return _justify(spec, _print_long(spec, arg))
    if c in "efga":
        if t is not float:
            _fail(spec, arg)
        return _justify(spec, _print_double(spec, arg))
    _fail(spec, arg)   # 'c': pan has no Character, Byte, Short or Integer


def _sign(spec: _Spec, neg: bool) -> str:
    f = spec.flags
    if neg:
        return "(" if "(" in f else "-"
    return "+" if "+" in f else " " if " " in f else ""


def _magnitude(spec: _Spec, prefix: str, digits: str, width: int) -> str:
    """Java's localizedMagnitude: grouping, then zero padding after the sign."""
    if "," in spec.flags:
        dot = digits.find(".")
        whole, frac = (digits, "") if dot < 0 else (digits[:dot], digits[dot:])
        groups = []
        while len(whole) > 3:
            groups.append(whole[-3:])
            whole = whole[:-3]
        digits = ",".join([whole] + groups[::-1]) + frac
    if width != -1 and "0" in spec.flags:
        pad = width - len(prefix) - len(digits)
        if pad > 0:
            digits = "0" * pad + digits
    return prefix + digits


def _adjust_width(spec: _Spec, width: int, neg: bool) -> int:
    if width != -1 and neg and "(" in spec.flags:
        return width - 1
    return width


def _print_long(spec: _Spec, value: int) -> str:
    f = spec.flags
    if spec.conv == "d":
        neg = value < 0
        out = _magnitude(spec, _sign(spec, neg), str(abs(value)),
                         _adjust_width(spec, spec.width, neg))
        return out + (")" if neg and "(" in f else "")
    spec.check_bad("( +")
    unsigned = value & 0xFFFFFFFFFFFFFFFF
    if spec.conv == "o":
        s = f"{unsigned:o}"
        prefix = "0" if "#" in f else ""
    else:
        s = f"{unsigned:x}"
        prefix = ("0X" if "^" in f else "0x") if "#" in f else ""
        if "^" in f:
            s = s.upper()
    if "0" in f:
        s = "0" * (spec.width - len(prefix) - len(s)) + s
    return prefix + s


# Doubles: Java rounds HALF_UP on the shortest decimal digits of the value.

def _shortest(v: float) -> tuple[str, int]:
    """(digits, exp) with v == 0.digits * 10**exp; v > 0 and finite.

    The digits are those of Java's Double.toString (JDK 17's FloatingDecimal),
    which Formatter also starts from before rounding.
    """
    mantissa, _, exponent = java_double_str(v).partition("E")
    int_part, _, frac = mantissa.partition(".")
    text = int_part + frac
    stripped = text.lstrip("0")
    point = len(int_part) - (len(text) - len(stripped)) + (int(exponent) if exponent else 0)
    return stripped.rstrip("0") or "0", point


def _round(digits: str, exp: int, keep: int) -> tuple[str, int]:
    """FormattedFloatingDecimal.applyPrecision: keep ``keep`` digits, HALF_UP."""
    if keep >= len(digits) or keep < 0:
        return digits, exp
    if keep == 0:
        return ("1", exp + 1) if digits[0] >= "5" else ("0", exp)
    head = digits[:keep]
    if digits[keep] >= "5":
        rounded = str(int(head) + 1)
        if len(rounded) > keep:
            return "1", exp + 1
        return rounded.rstrip("0") or "0", exp
    return head.rstrip("0") or "0", exp


def _fill_decimal(precision: int, digits: str, exp: int) -> str:
    n = len(digits)
    if exp > 0:
        if n < exp:
            return digits + "0" * (exp - n)
        t = min(n - exp, precision)
        return digits[:exp] + ("." + digits[exp:exp + t] if t > 0 else "")
    zeros = max(0, min(-exp, precision))
    t = max(0, min(n, precision + exp))
    if zeros > 0 or t > 0:
        return "0." + "0" * zeros + digits[:t]
    return "0"


def _fill_scientific(precision: int, digits: str, exp: int) -> tuple[str, str]:
    t = max(0, min(len(digits) - 1, precision))
    mant = digits[0] + ("." + digits[1:1 + t] if t > 0 else "")
    sign, e = ("-", -exp + 1) if exp <= 0 else ("+", exp - 1)
    return mant, sign + (f"{e:02d}")


def _add_zeros(mant: str, prec: int) -> str:
    dot = mant.find(".")
    have = 0 if dot < 0 else len(mant) - dot - 1
    if have >= prec:
        return mant
    return mant + ("." if dot < 0 else "") + "0" * (prec - have)


def _print_double(spec: _Spec, value: float) -> str:
    f = spec.flags
    if math.isnan(value):
        return "NAN" if "^" in f else "NaN"
    neg = math.copysign(1.0, value) < 0
    v = abs(value)
    sign = _sign(spec, neg)
    tail = ")" if neg and "(" in f else ""
    if math.isinf(v):
        return sign + ("INFINITY" if "^" in f else "Infinity") + tail
    c = spec.conv
    prec = spec.precision
    width = spec.width
    exp_text = ""
    if c == "a":
        return sign + _hex_double(spec, v, len(sign)) + tail
    if c == "g":
        prec = 6 if prec == -1 else 1 if prec == 0 else prec
        if v == 0.0:
            mant, prec = "0", prec - 1
        else:
            digits, exp = _round(*_shortest(v), prec)
            if exp - 1 < -4 or exp - 1 >= prec:        # scientific, prec significant digits
                mant, exp_text = _fill_scientific(prec - 1, digits, exp)
                prec -= 1
            else:
                mant = _fill_decimal(prec - exp, digits, exp)
                prec -= exp
    elif c == "e":
        prec = 6 if prec == -1 else prec
        if v == 0.0:
            mant, exp_text = "0", "+00"
        else:
            mant, exp_text = _fill_scientific(prec, *_round(*_shortest(v), prec + 1))
    else:
        prec = 6 if prec == -1 else prec
        if v == 0.0:
            mant = "0"
        else:
            digits, exp = _shortest(v)
            mant = _fill_decimal(prec, *_round(digits, exp, exp + prec))
    mant = _add_zeros(mant, prec)
    if "#" in f and prec == 0:
        mant += "."
    if exp_text:
        if width != -1:
            width = width - len(exp_text) - 1
        out = _magnitude(spec, sign, mant, _adjust_width(spec, width, neg))
        out += ("E" if "^" in f else "e") + exp_text
    else:
        out = _magnitude(spec, sign, mant, _adjust_width(spec, width, neg))
    return out + tail


def _to_hex_string(d: float) -> str:
    """Double.toHexString without the "0x" (d >= 0, finite)."""
    if d == 0.0:
        return "0.0p0"
    bits = struct.unpack(">Q", struct.pack(">d", d))[0]
    exp = (bits >> 52) & 0x7FF
    frac = f"{bits & ((1 << 52) - 1):013x}".rstrip("0") or "0"
    if exp == 0:
        return f"0.{frac}p-1022"
    return f"1.{frac}p{exp - 1023}"


def _hex_round(d: float, prec: int) -> str:
    """Formatter.hexDouble: round to ``prec`` hex digits, half-even on the bits."""
    if d == 0.0 or prec == 0 or prec >= 13:
        return _to_hex_string(d)
    bits = struct.unpack(">Q", struct.pack(">d", d))[0]
    subnormal = (bits >> 52) == 0
    if subnormal:
        d *= 2.0 ** 54
        bits = struct.unpack(">Q", struct.pack(">d", d))[0]
    shift = 52 - 4 * prec
    signif = bits >> shift
    rest = bits & ((1 << shift) - 1)
    half = 1 << (shift - 1)
    if rest > half or (rest == half and signif & 1):
        signif += 1
    bits = signif << shift
    if bits >= 0x7FF0000000000000:
        return "1.0p1024"
    res = _to_hex_string(struct.unpack(">d", struct.pack(">Q", bits))[0])
    if subnormal:
        mant, _, exp = res.partition("p")
        res = f"{mant}p{int(exp) - 54}"
    return res


def _hex_double(spec: _Spec, v: float, used: int) -> str:
    """%a: Java's hexadecimal floating point."""
    upper = "^" in spec.flags
    prec = 0 if spec.precision == -1 else 1 if spec.precision == 0 else spec.precision
    s = _hex_round(v, prec)
    out = "0X" if upper else "0x"
    if "0" in spec.flags:
        out += "0" * (spec.width - len(s) - 2 - used)
    mant, _, exp = s.partition("p")
    if upper:
        mant = mant.upper()
    if prec != 0:
        mant = _add_zeros(mant, prec)
    return out + mant + ("P" if upper else "p") + exp


# ------------------------------------------------------------ date/time

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _datetime(conv: str, millis: int) -> str:
    try:
        t = datetime.datetime(1970, 1, 1) + datetime.timedelta(milliseconds=millis)
    except OverflowError:
        raise JavaFormatError(f"date out of range: {millis}") from None
    if conv == "H":
        return f"{t.hour:02d}"
    if conv == "I":
        return f"{(t.hour % 12) or 12:02d}"
    if conv == "k":
        return str(t.hour)
    if conv == "l":
        return str((t.hour % 12) or 12)
    if conv == "M":
        return f"{t.minute:02d}"
    if conv == "S":
        return f"{t.second:02d}"
    if conv == "L":
        return f"{t.microsecond // 1000:03d}"
    if conv == "N":
        return f"{t.microsecond * 1000:09d}"
    if conv == "p":
        return "am" if t.hour < 12 else "pm"
    if conv == "z":
        return "+0000"
    if conv == "Z":
        return "UTC"
    if conv == "s":
        return str(millis // 1000)
    if conv == "Q":
        return str(millis)
    if conv == "B":
        return _MONTHS[t.month - 1]
    if conv in "bh":
        return _MONTHS[t.month - 1][:3]
    if conv == "A":
        return _DAYS[t.weekday()]
    if conv == "a":
        return _DAYS[t.weekday()][:3]
    if conv == "C":
        return f"{t.year // 100:02d}"
    if conv == "Y":
        return f"{t.year:04d}"
    if conv == "y":
        return f"{t.year % 100:02d}"
    if conv == "j":
        return f"{t.timetuple().tm_yday:03d}"
    if conv == "m":
        return f"{t.month:02d}"
    if conv == "d":
        return f"{t.day:02d}"
    if conv == "e":
        return str(t.day)
    if conv == "R":
        return f"{t.hour:02d}:{t.minute:02d}"
    if conv == "T":
        return f"{t.hour:02d}:{t.minute:02d}:{t.second:02d}"
    if conv == "r":
        return f"{(t.hour % 12) or 12:02d}:{t.minute:02d}:{t.second:02d} " + \
            ("AM" if t.hour < 12 else "PM")
    if conv == "D":
        return f"{t.month:02d}/{t.day:02d}/{t.year % 100:02d}"
    if conv == "F":
        return f"{t.year:04d}-{t.month:02d}-{t.day:02d}"
    # 'c'
    return (f"{_DAYS[t.weekday()][:3]} {_MONTHS[t.month - 1][:3]} {t.day:02d} "
            f"{t.hour:02d}:{t.minute:02d}:{t.second:02d} UTC {t.year:04d}")
