"""to_boolean, to_double, to_long, to_string, min, max, IPv4, base64 and digest.

Number parsing, rounding, base64 and digests were checked against Java
(Long.decode, Double.parseDouble, Math.round, panc's Base64, MessageDigest).
"""

import math

import pytest

from builtin_helpers import check, error, lit, run, syntax_error, var
from pancompiler.errors import EvaluationError
from pancompiler.runtime.values import LONG_MAX, LONG_MIN, UNDEF, PanDict, PanList


@pytest.mark.parametrize("value,expected", [
    (0, False), (7, True), (0.0, False), (-0.5, True), ("", False), ("false", False),
    ("FaLsE", False), ("no", True), ("0", True), (True, True), (False, False),
])
def test_to_boolean(value, expected):
    assert run("to_boolean", value) is expected


def test_to_boolean_errors():
    assert error("to_boolean", PanList()) == "to_boolean argument is not a property: list"
    assert error("to_boolean", UNDEF) == "to_boolean argument is not a property: undef"
    assert syntax_error("to_boolean") == "to_boolean() requires exactly one argument"


@pytest.mark.parametrize("value,expected", [
    ("1.", 1.0), (".5", 0.5), ("1e5", 1e5), ("1f", 1.0), ("0x1p3", 8.0), (" 2 ", 2.0),
    ("-Infinity", -math.inf), ("1.5E-3", 0.0015), ("0x1.8p1d", 3.0), (3, 3.0), (True, 1.0),
    (2.5, 2.5),
])
def test_to_double(value, expected):
    result = run("to_double", value)
    assert type(result) is float and result == expected


def test_to_double_nan():
    assert math.isnan(run("to_double", "NaN"))


@pytest.mark.parametrize("text", ["", "-", "1_0", "infinity", "1e", "0x1", "1.0.0", "\uff11"])
def test_to_double_rejects_what_java_rejects(text):
    assert error("to_double", text) == f"string cannot be converted to double: {text}"


def test_to_double_argument_type():
    assert error("to_double", PanDict()) == "to_double argument is not a property: nlist"


@pytest.mark.parametrize("args,expected", [
    (("0",), 0), (("1",), 1), (("0xff",), 255), (("011",), 9), (("#ff",), 255), (("-0x10",), -16),
    (("00",), 0), (("+5",), 5), (("-9223372036854775808",), LONG_MIN),
    (("9223372036854775807",), LONG_MAX), (("\uff11\uff12",), 12),
    ((0.1,), 0), ((0.5,), 1), ((-0.5,), 0), ((-1.5,), -1), ((2.5,), 3), ((1e19,), LONG_MAX),
    ((math.nan,), 0), ((True,), 1), ((False,), 0), ((42,), 42),
    (("ff", 16), 255), (("-ff", 16), -255), (("011", 8), 9), (("zz", 36), 1295), (("+7", 10), 7),
    ((0.6, 10), 1), ((True, 10), 1),
])
def test_to_long(args, expected):
    assert run("to_long", *args) == expected


@pytest.mark.parametrize("text", ["099", "94a2", "0xfg", "0x-10", "08", "-", "", "0x",
                                  "9223372036854775808", " 1"])
def test_to_long_rejects_what_long_decode_rejects(text):
    assert error("to_long", text) == f"string cannot be converted to long: {text}"


def test_to_long_errors():
    assert error("to_long", PanList()) == "invalid argument of type list; expecting a property"
    assert error("to_long", "10", -1) == "radix value -1 is not within valid range [2, 36]"
    assert error("to_long", "10", 1000) == "radix value 1,000 is not within valid range [2, 36]"
    assert error("to_long", "10", "BAD") == \
        "radix must be a long not class org.quattor.pan.dml.data.StringProperty"
    assert error("to_long", "10", PanList()) == "invalid argument of type list; expecting a property"
    assert error("to_long", "12", 2) == "string cannot be converted to long: 12"
    assert syntax_error("to_long") == "to_long() requires exactly one or two arguments"
    assert syntax_error("to_long", lit("1"), lit(2), lit(3)) == \
        "to_long() requires exactly one or two arguments"


def test_to_string():
    assert run("to_string", PanList(["a", 1])) == "[ a, 1 ]"
    assert run("to_string", PanDict(b=2, a=1)) == "{ a, 1, b, 2 }"
    assert run("to_string", UNDEF) == "undef"
    assert run("to_string", 3) == "3"
    assert run("to_string", 1.0) == "1.0"


def test_min_max():
    assert run("max", 44.27, 130.48) == 130.48
    assert run("max", 1743, 85) == 1743
    result = run("max", 7495, 222.9936)
    assert type(result) is float and result == 7495.0
    assert run("min", 1096, 2034) == 1096
    assert run("min", 219, 351.5) == 219.0
    assert math.copysign(1.0, run("min", 0.0, -0.0)) < 0
    assert math.copysign(1.0, run("max", -0.0, 0.0)) > 0
    assert math.isnan(run("max", math.nan, 1.0))
    assert error("max", 1, "2") == "all arguments to max must be longs or doubles"
    assert error("min", True, 1) == "all arguments to min must be longs or doubles"
    assert syntax_error("max", lit(123)) == "max() requires exactly two arguments"
    assert syntax_error("min", lit(1), lit(2), lit(3)) == "min() requires exactly two arguments"


def test_ip4_to_long():
    assert run("ip4_to_long", "1.0.0.1") == [0x1000001, 0xFFFFFFFF]   # panc always adds a mask
    assert run("ip4_to_long", "0.0.0.1/8") == [1, 0xFF000000]
    assert run("ip4_to_long", "10.1.2.3/0") == [0x0A010203, 0]
    assert run("ip4_to_long", "10.1.2.3/99999999999") == [0x0A010203, 0xFFFFFFFF]
    assert run("ip4_to_long", "1.2.3.4\n") == [0x01020304, 0xFFFFFFFF]


@pytest.mark.parametrize("arg,message", [
    (1, "argument to ip4_to_long() must be a string"),
    ("Hello", "argument to ip4_to_long() must be a string in dotted notation with an optional "
              'bitmask, like "127.0.0.1/8"'),
    ("0.300.0.1", "argument to ip4_to_long() must be a string in dotted notation with an optional "
                  'bitmask, like "127.0.0.1/8"'),
    ("0.0.0.0/-1", "argument to ip4_to_long() must be a string in dotted notation with an optional "
                   'bitmask, like "127.0.0.1/8"'),
    ("0.0.0.0/33", "bitmask to IP must be between 0 and 32."),
])
def test_ip4_to_long_errors(arg, message):
    assert error("ip4_to_long", arg) == message


def test_long_to_ip4():
    assert run("long_to_ip4", 0x01020304) == "1.2.3.4"
    assert run("long_to_ip4", 0xFFFFFFFF) == "255.255.255.255"
    assert error("long_to_ip4", "1") == "argument to ip4_to_long must be a long"
    assert error("long_to_ip4", 0x1FFFFFFFF) == "argument to ip4_to_long must be a 32-bit integer"
    assert error("long_to_ip4", -1) == "argument to ip4_to_long must be a 32-bit integer"
    assert syntax_error("long_to_ip4") == "long_to_ip4() requires exactly one argument"


def test_base64_encode():
    assert run("base64_encode", "hello world") == "aGVsbG8gd29ybGQ="
    assert run("base64_encode", "") == ""
    assert run("base64_encode", "x" * 57) == "eHh4" * 19 + "\n"
    assert run("base64_encode", "x" * 58) == "eHh4" * 19 + "\neA=="
    assert run("base64_encode", "é") == "w6k="
    assert error("base64_encode", 1) == "argument for base64_encode() must be a string"
    assert syntax_error("base64_encode") == "base64_encode() requires exactly one argument"


@pytest.mark.parametrize("text,expected", [
    ("aGVsbG8gd29ybGQ=", "hello world"), ("aGVs\nbG8=", "hello"), ("a GVsbG8", "hel"),
    ("aGVsbG8=extra", "hello"), ("aGV", ""), ("w6k=", "é"), ("=AAA", "\ufffd\x00\x00"),
])
def test_base64_decode_like_panc(text, expected):
    assert run("base64_decode", text) == expected


def test_base64_decode_errors():
    assert error("base64_decode", "a!b") == "Bad Base64 input character at 1: 33(decimal)"
    assert error("base64_decode", "é") == "Bad Base64 input character at 1: -87(decimal)"
    assert error("base64_decode", PanList()) == "argument for base64_decode() must be a string"
    assert syntax_error("base64_decode", lit("a"), lit("b")) == \
        "base64_decode() requires exactly one argument"


@pytest.mark.parametrize("algorithm,message,expected", [
    ("MD2", "", "8350e5a3e24c153df2275c9f80692773"),
    ("md2", "abc", "da853b0d3f88d99b30283a69e6ded6bb"),
    ("MD5", "abc", "900150983cd24fb0d6963f7d28e17f72"),
    ("SHA", "abc", "a9993e364706816aba3e25717850c26c9cd0d89d"),
    ("sha-1", "", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
    ("SHA-256", "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    ("SHA-512/224", "abc", "4634270f707b6a54daae7530460842e20e37ed265ceee9a43e8924aa"),
    # panc hashes only message.length() bytes of the UTF-8 encoding
    ("MD2", "héllo", "97238e18bfd01ec0851e590383169781"),
    ("SHA-1", "héllo", "7497a450d58341cf6fad70bcd95b210578eb777f"),
])
def test_digest(algorithm, message, expected):
    assert run("digest", algorithm, message) == expected


def test_digest_hex_has_no_leading_zeros():
    # BigInteger(1, digest).toString(16) drops leading zero digits
    assert run("digest", "MD5", "a") == "cc175b9c0f1b6a831c399e269772661"
    assert run("digest", "MD5", "jk8ssl") == "18e6137ac2caab16074784a6"


def test_digest_errors():
    assert error("digest", "BAD", "msg") == "invalid digest algorithm (BAD)"
    assert error("digest", 1, "msg") == "first argument of digest() must be a string"
    assert error("digest", "MD5", 1) == "second argument of digest() must be a string"
    assert syntax_error("digest", lit("MD5")) == "digest() requires exactly two arguments"
    assert syntax_error("digest", lit("BAD"), lit("OK")) == "invalid digest algorithm (BAD)"
    assert syntax_error("digest", lit(True), lit("OK")) == "first argument of digest() must be a string"
    with pytest.raises(EvaluationError) as info:
        check("digest", lit("MD5"), lit(True))
    assert info.value.message == "second argument of digest() must be a string"
    check("digest", var("a"), lit("msg"))
