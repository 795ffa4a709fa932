"""Conversion builtins: to_boolean, to_double, to_long, to_string, min, max,
ip4_to_long, long_to_ip4, base64_encode, base64_decode and digest.

Numbers are parsed as Java does (``Long.decode``: ``0x``/``#`` hex, leading-0
octal; ``Long.parseLong`` with a radix; ``Double.parseDouble``), doubles
become longs with ``Math.round``, and base64/digest reproduce panc's own
utilities, including their quirks (line breaks every 76 characters, digest
of the first ``length()`` bytes only, hex without leading zeros).
"""

from __future__ import annotations

import base64
import hashlib
import math
import re

from ..errors import EvaluationError, PanSyntaxError
from ..runtime.javacompat import compile_java_regex, utf16_len
from ..runtime.values import LONG_MAX, LONG_MIN, PanList, to_string, type_name
from .common import JAVA_CLASS, NO_VALUE, arity, literal
from .registry import builtin


_PROPERTIES = (str, int, float, bool)


@builtin("to_boolean", check=arity((1,), "to_boolean() requires exactly one argument"))
def _to_boolean(ev, args, call):
    x = args[0]
    t = type(x)
    if t not in _PROPERTIES:
        raise EvaluationError(f"to_boolean argument is not a property: {type_name(x)}")
    if t is bool:
        return x
    if t is int or t is float:
        return x != 0
    return not (x == "" or _equals_ignore_case(x, "false"))


def _equals_ignore_case(a: str, b: str) -> bool:
    """Java's String.equalsIgnoreCase (char by char, upper then lower)."""
    if len(a) != len(b):
        return False
    for x, y in zip(a, b):
        if x != y:
            ux, uy = x.upper(), y.upper()
            if ux != uy and ux.lower() != uy.lower():
                return False
    return True


_JAVA_DOUBLE = re.compile(
    r"[+-]?(?:NaN|Infinity|(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
    r"|0[xX](?:[0-9a-fA-F]+\.?|[0-9a-fA-F]*\.[0-9a-fA-F]+)[pP][+-]?[0-9]+)[fFdD]?)")


_JAVA_TRIM = "".join(chr(c) for c in range(33))


def java_parse_double(text: str) -> float | None:
    """Double.parseDouble, or None where Java throws NumberFormatException."""
    s = text.strip(_JAVA_TRIM)
    if not _JAVA_DOUBLE.fullmatch(s):
        return None
    if s[-1] in "fFdD":
        s = s[:-1]
    body = s.lstrip("+-")
    sign = -1.0 if s.startswith("-") else 1.0
    if body == "NaN":
        return math.nan
    if body == "Infinity":
        return sign * math.inf
    if body[:2] in ("0x", "0X"):
        return sign * float.fromhex(body)
    return sign * float(body)


@builtin("to_double", check=arity((1,), "to_double() requires exactly one argument"))
def _to_double(ev, args, call):
    x = args[0]
    t = type(x)
    if t not in _PROPERTIES:
        raise EvaluationError(f"to_double argument is not a property: {type_name(x)}")
    if t is float:
        return x
    if t is bool:
        return 1.0 if x else 0.0
    if t is int:
        return float(x)
    value = java_parse_double(x)
    if value is None:
        raise EvaluationError(f"string cannot be converted to double: {x}")
    return value


def _java_digit(c: str, radix: int) -> int:
    """Character.digit(c, radix): ASCII, other decimal digits, full-width letters."""
    if c.isascii():
        v = int(c, 36) if c.isalnum() else -1
    elif "\uff21" <= c <= "\uff3a" or "\uff41" <= c <= "\uff5a":
        v = (ord(c) - 0xFF21 if c <= "\uff3a" else ord(c) - 0xFF41) + 10
    elif c.isdecimal():
        v = int(c)
    else:
        v = -1
    return v if v < radix else -1


def java_parse_long(text: str, radix: int) -> int | None:
    """Long.parseLong(text, radix), or None where Java throws."""
    if not text:
        return None
    negative = text[0] == "-"
    digits = text[1:] if text[0] in "+-" else text
    if not digits:
        return None
    value = 0
    for c in digits:
        d = _java_digit(c, radix)
        if d < 0:
            return None
        value = value * radix + d
    value = -value if negative else value
    return value if LONG_MIN <= value <= LONG_MAX else None


def java_decode_long(text: str) -> int | None:
    """Long.decode: optional sign, then 0x/0X/# hex, 0 octal, or decimal."""
    if not text:
        return None
    i = 1 if text[0] in "+-" else 0
    radix = 10
    if text.startswith(("0x", "0X"), i):
        i, radix = i + 2, 16
    elif text.startswith("#", i):
        i, radix = i + 1, 16
    elif text.startswith("0", i) and len(text) > i + 1:
        i, radix = i + 1, 8
    rest = text[i:]
    if rest.startswith(("-", "+")):
        return None
    value = java_parse_long(rest, radix)
    if value is None:
        # Long.MIN_VALUE only parses with its sign attached
        if text[0] == "-":
            value = java_parse_long("-" + rest, radix)
            return value
        return None
    return -value if text[0] == "-" else value


def java_round(x: float) -> int:
    """Math.round(double): half up, NaN to 0, saturating at the long range."""
    if x != x:
        return 0
    if x >= 9.223372036854775807e18:
        return LONG_MAX
    if x <= -9.223372036854775808e18:
        return LONG_MIN
    r = math.floor(x)
    return int(r) + (1 if x - r >= 0.5 else 0)


@builtin("to_long", check=arity((1, 2), "to_long() requires exactly one or two arguments"))
def _to_long(ev, args, call):
    x = args[0]
    radix = 0
    if len(args) == 2:
        r = args[1]
        rt = type(r)
        if rt not in _PROPERTIES:
            raise EvaluationError(f"invalid argument of type {type_name(r)}; expecting a property")
        if rt is not int:
            raise EvaluationError(f"radix must be a long not {JAVA_CLASS[rt]}")
        if r < 2 or r > 36:
            raise EvaluationError(f"radix value {r:,} is not within valid range [2, 36]")
        radix = r
    t = type(x)
    if t not in _PROPERTIES:
        raise EvaluationError(f"invalid argument of type {type_name(x)}; expecting a property")
    if t is int:
        return x
    if t is bool:
        return 1 if x else 0
    if t is float:
        return java_round(x)
    value = java_parse_long(x, radix) if radix else java_decode_long(x)
    if value is None:
        raise EvaluationError(f"string cannot be converted to long: {x}")
    return value


@builtin("to_string", check=arity((1,), "to_string() requires exactly one argument"))
def _to_string(ev, args, call):
    return to_string(args[0])


# -------------------------------------------------------------- min, max

def _java_max(a: float, b: float) -> float:
    if a != a:
        return a
    if a == 0.0 and b == 0.0:
        return b if math.copysign(1.0, a) < 0 else a
    return a if a >= b else b


def _java_min(a: float, b: float) -> float:
    if a != a:
        return a
    if a == 0.0 and b == 0.0:
        return a if math.copysign(1.0, a) < 0 else b
    return a if a <= b else b


def _extreme(name: str, args, pick_long, pick_double):
    a, b = args
    ta, tb = type(a), type(b)
    if ta is int and tb is int:
        return pick_long(a, b)
    if (ta is int or ta is float) and (tb is int or tb is float):
        return pick_double(float(a), float(b))
    raise EvaluationError(f"all arguments to {name} must be longs or doubles")


@builtin("max", check=arity((2,), "max() requires exactly two arguments"))
def _max(ev, args, call):
    return _extreme("max", args, max, _java_max)


@builtin("min", check=arity((2,), "min() requires exactly two arguments"))
def _min(ev, args, call):
    return _extreme("min", args, min, _java_min)


# ------------------------------------------------------------ IPv4

_IP4 = r"^(\d+)\.(\d+)\.(\d+)\.(\d+)(?:/(\d+))?$"
_IP4_FORMAT = ("argument to ip4_to_long() must be a string in dotted notation with an "
               'optional bitmask, like "127.0.0.1/8"')


@builtin("ip4_to_long", check=arity((1,), "ip4_to_long() requires exactly one argument"))
def _ip4_to_long(ev, args, call):
    ip = args[0]
    if type(ip) is not str:
        raise EvaluationError("argument to ip4_to_long() must be a string")
    m = compile_java_regex(_IP4).search(ip)
    if m is None:
        raise EvaluationError(_IP4_FORMAT)
    address = 0
    for part in m.group(1, 2, 3, 4):
        octet = int(part)
        if octet > 255:
            raise EvaluationError(_IP4_FORMAT)
        address = (address << 8) | octet
    # panc sets the mask to all ones before parsing the (optional) bit count,
    # so an address without one still gets a mask, and so does an unparsable one.
    mask = 0xFFFFFFFF
    bits = m.group(5)
    if bits is not None and int(bits) <= 0x7FFFFFFF:
        n = int(bits)
        if n > 32:
            raise EvaluationError("bitmask to IP must be between 0 and 32.")
        shift = 32 - n
        mask = (mask >> shift) << shift
    return PanList([address, mask])


@builtin("long_to_ip4", check=arity((1,), "long_to_ip4() requires exactly one argument"))
def _long_to_ip4(ev, args, call):
    n = args[0]
    if type(n) is not int:
        raise EvaluationError("argument to ip4_to_long must be a long")
    if n > 0xFFFFFFFF or n < 0:
        raise EvaluationError("argument to ip4_to_long must be a 32-bit integer")
    return f"{n >> 24}.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"


# ------------------------------------------------------------ base64

_B64 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_DECODE = [-9] * 128
for _i, _c in enumerate(_B64):
    _DECODE[_c] = _i
for _c in b"\t\n\r ":
    _DECODE[_c] = -5
_DECODE[ord("=")] = -1
_DECODE[127] = -9


@builtin("base64_encode", check=arity((1,), "base64_encode() requires exactly one argument"))
def _base64_encode(ev, args, call):
    s = args[0]
    if type(s) is not str:
        raise EvaluationError("argument for base64_encode() must be a string")
    data = s.encode("utf-8", "surrogatepass")
    text = base64.b64encode(data).decode("ascii")
    # panc's encoder ends a line after every 76 characters of whole 3-byte groups
    full = (len(data) // 3) * 4
    if full < 76:
        return text
    body = text[:full]
    lines = "".join(body[i:i + 76] + ("\n" if i + 76 <= full else "")
                    for i in range(0, full, 76))
    return lines + text[full:]


def _decode_base64(s: str) -> bytes:
    """panc's Base64.decode: on the UTF-8 bytes, each cut to 7 bits; whitespace
    skipped; stops after a padded quartet; a trailing partial quartet is dropped."""
    raw = s.encode("utf-8", "surrogatepass")
    out = bytearray()
    quartet: list[int] = []
    for i, byte in enumerate(raw):
        crop = byte & 0x7F
        code = _DECODE[crop]
        if code < -5:
            signed = byte - 256 if byte > 127 else byte
            raise EvaluationError(f"Bad Base64 input character at {i}: {signed}(decimal)")
        if code < -1:
            continue
        quartet.append(crop)
        if len(quartet) == 4:
            a, b, c, d = (_DECODE[x] & 0xFF for x in quartet)
            if quartet[2] == 61:
                out.append(((a << 18 | b << 12) >> 16) & 0xFF)
            elif quartet[3] == 61:
                v = a << 18 | b << 12 | c << 6
                out += bytes(((v >> 16) & 0xFF, (v >> 8) & 0xFF))
            else:
                v = a << 18 | b << 12 | c << 6 | d
                out += bytes(((v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF))
            last = quartet[3]
            quartet = []
            if last == 61:
                break
    return bytes(out)


@builtin("base64_decode", check=arity((1,), "base64_decode() requires exactly one argument"))
def _base64_decode(ev, args, call):
    s = args[0]
    if type(s) is not str:
        raise EvaluationError("argument for base64_decode() must be a string")
    return _decode_base64(s).decode("utf-8", "replace")


# ------------------------------------------------------------ digest

_MD2_S = bytes((
    41, 46, 67, 201, 162, 216, 124, 1, 61, 54, 84, 161, 236, 240, 6, 19, 98, 167, 5, 243, 192,
    199, 115, 140, 152, 147, 43, 217, 188, 76, 130, 202, 30, 155, 87, 60, 253, 212, 224, 22, 103,
    66, 111, 24, 138, 23, 229, 18, 190, 78, 196, 214, 218, 158, 222, 73, 160, 251, 245, 142, 187,
    47, 238, 122, 169, 104, 121, 145, 21, 178, 7, 63, 148, 194, 16, 137, 11, 34, 95, 33, 128, 127,
    93, 154, 90, 144, 50, 39, 53, 62, 204, 231, 191, 247, 151, 3, 255, 25, 48, 179, 72, 165, 181,
    209, 215, 94, 146, 42, 172, 86, 170, 198, 79, 184, 56, 210, 150, 164, 125, 182, 118, 252, 107,
    226, 156, 116, 4, 241, 69, 157, 112, 89, 100, 113, 135, 32, 134, 91, 207, 101, 230, 45, 168, 2,
    27, 96, 37, 173, 174, 176, 185, 246, 28, 70, 97, 105, 52, 64, 126, 15, 85, 71, 163, 35, 221,
    81, 175, 58, 195, 92, 249, 206, 186, 197, 234, 38, 44, 83, 13, 110, 133, 40, 132, 9, 211, 223,
    205, 244, 65, 129, 77, 82, 106, 220, 55, 200, 108, 193, 171, 250, 36, 225, 123, 8, 12, 189,
    177, 74, 120, 136, 149, 139, 227, 99, 232, 109, 233, 203, 213, 254, 59, 0, 29, 57, 242, 239,
    183, 14, 102, 88, 208, 228, 166, 119, 114, 248, 235, 117, 75, 10, 49, 68, 80, 180, 143, 237,
    31, 26, 219, 153, 141, 51, 159, 17, 131, 20))


def _md2(data: bytes) -> bytes:
    """RFC 1319 MD2 (Java still offers it; OpenSSL no longer does)."""
    s = _MD2_S
    pad = 16 - len(data) % 16
    data = data + bytes([pad]) * pad
    check = [0] * 16
    last = 0
    for i in range(0, len(data), 16):
        for j in range(16):
            check[j] ^= s[data[i + j] ^ last]
            last = check[j]
    data += bytes(check)
    x = [0] * 48
    for i in range(0, len(data), 16):
        for j in range(16):
            x[16 + j] = data[i + j]
            x[32 + j] = x[16 + j] ^ x[j]
        t = 0
        for j in range(18):
            for k in range(48):
                t = x[k] = x[k] ^ s[t]
            t = (t + j) & 0xFF
    return bytes(x[:16])


_DIGESTS = {"MD2": None, "MD5": "md5", "SHA": "sha1", "SHA1": "sha1", "SHA-1": "sha1",
            "SHA-224": "sha224", "SHA224": "sha224", "SHA-256": "sha256", "SHA256": "sha256",
            "SHA-384": "sha384", "SHA384": "sha384", "SHA-512": "sha512", "SHA512": "sha512",
            "SHA-512/224": "sha512_224", "SHA512/224": "sha512_224",
            "SHA-512/256": "sha512_256", "SHA512/256": "sha512_256",
            "SHA3-224": "sha3_224", "SHA3-256": "sha3_256", "SHA3-384": "sha3_384",
            "SHA3-512": "sha3_512", "1.3.14.3.2.26": "sha1", "OID.1.3.14.3.2.26": "sha1"}


def _digest_check(call) -> None:
    if len(call.args) != 2:
        raise PanSyntaxError("digest() requires exactly two arguments")
    algorithm = literal(call.args[0])
    if algorithm is not NO_VALUE:
        if type(algorithm) is not str:
            raise PanSyntaxError("first argument of digest() must be a string")
        if algorithm.upper() not in _DIGESTS:
            raise PanSyntaxError(f"invalid digest algorithm ({algorithm})")
    message = literal(call.args[1])
    if message is not NO_VALUE and type(message) is not str:
        # panc raises an evaluation (not syntax) error here, while compiling
        raise EvaluationError("second argument of digest() must be a string")


@builtin("digest", check=_digest_check)
def _digest(ev, args, call):
    algorithm, message = args
    if type(algorithm) is not str:
        raise EvaluationError("first argument of digest() must be a string")
    if type(message) is not str:
        raise EvaluationError("second argument of digest() must be a string")
    key = algorithm.upper()
    if key not in _DIGESTS:
        raise EvaluationError(f"invalid digest algorithm ({algorithm})")
    # panc hashes message.length() bytes of the UTF-8 encoding (chars, not bytes)
    data = message.encode("utf-8", "surrogatepass")[:utf16_len(message)]
    name = _DIGESTS[key]
    raw = _md2(data) if name is None else hashlib.new(name, data).digest()
    return f"{int.from_bytes(raw, 'big'):x}"
