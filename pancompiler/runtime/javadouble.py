"""Java 17's ``Double.toString(double)``, digit for digit.

Up to JDK 18, ``Double.toString`` is ``jdk.internal.math.FloatingDecimal``'s
``BinaryToASCIIBuffer.dtoa``: a Steele-White / Gay style free-format digit
generator with a handful of quirks that make it differ from the shortest
round-trip representation (what Python's ``repr`` and JDK 19+ print) for
some doubles:

* integers in [2**53, 2**63) are printed from their exact binary value, with
  only a crude rounding of "insignificant" low-order digits
  (2.82879384806159E17 prints as ``2.82879384806159008E17``);
* the stopping test is symmetric (the narrower half-gap is used at powers
  of two) and treats the interval ends inconsistently: the low end exclusive,
  the high end exclusive on the 64-bit path but inclusive on the big integer
  path, so that a few huge doubles with an odd significand print as the
  midpoint to their upper neighbour and do not read back
  (1.4335999999999999E26 prints as ``1.4336E26``);
* in E-notation (|d| < 1e-3 or >= 1e7) the first digit never stops the
  generation, so at least two digits are developed even when one would do
  (1.0E23 prints as ``9.999999999999999E22``, Double.MIN_VALUE as
  ``4.9E-324``);
* the 64-bit path uses Java's wrapping arithmetic, which changes the last
  digit of some doubles between 2**82 and 2**86.

This module reimplements that algorithm (``jdk17_double_str``), plus a fast
path that uses ``repr`` where it provably agrees (see ``java_double_str``).
"""

from __future__ import annotations

import struct
from math import floor, frexp

__all__ = ["java_double_str", "jdk17_double_str"]

_pack = struct.Struct("<d").pack
_unpack_q = struct.Struct("<Q").unpack

# approximately ceil(log2(5**i)), FloatingDecimal.N_5_BITS
_N_5_BITS = (0, 3, 5, 7, 10, 12, 14, 17, 19, 21, 24, 26, 28, 31, 33, 35, 38, 40, 42, 45, 47, 49, 52,
             54, 56, 59, 61)
# FloatingDecimal.insignificantDigitsNumber: digits of 2**i, less one (for i > 1)
_INSIGNIFICANT_POW2 = (0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 6, 6, 7, 7, 7,
                       8, 8, 8, 9, 9, 9, 9, 10, 10, 10, 11, 11, 11, 12, 12, 12, 12, 13, 13, 13, 14,
                       14, 14, 15, 15, 15, 15, 16, 16, 16, 17, 17, 17, 18, 18, 18, 19)

_M64 = (1 << 64) - 1
_LONG_RANGE = 1 << 63


def _i64(x: int) -> int:
    """Wrap to a Java long."""
    x &= _M64
    return x - (1 << 64) if x >> 63 else x


def _estimate_dec_exp(fract_bits: int, bin_exp: int) -> int:
    """FloatingDecimal.estimateDecExp: floor of a linear estimate of log10(d).

    fract_bits is the normalised 53-bit significand, so d2 is in [1, 2).  The
    Java code takes the floor of d by picking its bits apart; it is a floor.
    """
    d2 = fract_bits * 2.0 ** -52
    return floor((d2 - 1.5) * 0.289529654 + 0.176091259 + bin_exp * 0.301029995663981)


def _digits(bits: int):
    """FloatingDecimal's dtoa for a finite non-zero double given by its raw bits.

    Returns (digits, decExponent) with the value being 0.DIGITS * 10**decExponent.
    """
    fract_bits = bits & 0xFFFFFFFFFFFFF
    bin_exp = (bits >> 52) & 0x7FF
    if bin_exp == 0:
        # Normalise a subnormal.
        leading_zeros = 64 - fract_bits.bit_length()
        shift = leading_zeros - 11
        fract_bits <<= shift
        bin_exp = 1 - shift
        n_significant_bits = 64 - leading_zeros
    else:
        fract_bits |= 1 << 52
        n_significant_bits = 53
    bin_exp -= 1023

    tail_zeros = (fract_bits & -fract_bits).bit_length() - 1
    n_fract_bits = 53 - tail_zeros
    n_tiny_bits = max(0, n_fract_bits - bin_exp - 1)
    if -21 <= bin_exp <= 62 and n_tiny_bits == 0:
        # An integer below 2**63 (nFractBits + N_5_BITS[0] < 64 always holds):
        # FloatingDecimal.developLongDigits.
        if bin_exp > n_significant_bits:
            p2 = bin_exp - n_significant_bits - 1
            insignificant = _INSIGNIFICANT_POW2[p2] if 1 < p2 < len(_INSIGNIFICANT_POW2) else 0
        else:
            insignificant = 0
        if bin_exp >= 52:
            lvalue = fract_bits << (bin_exp - 52)
        else:
            lvalue = fract_bits >> (52 - bin_exp)
        dec_exp = 0
        if insignificant:
            pow10 = 10 ** insignificant
            lvalue, residue = divmod(lvalue, pow10)
            dec_exp = insignificant
            if residue >= (pow10 >> 1):
                lvalue += 1
        text = str(lvalue)
        return text.rstrip("0"), dec_exp + len(text)

    dec_exp = _estimate_dec_exp(fract_bits, bin_exp)
    b5 = max(0, -dec_exp)
    b2 = b5 + n_tiny_bits + bin_exp
    s5 = max(0, dec_exp)
    s2 = s5 + n_tiny_bits
    m5 = b5
    m2 = b2 - n_significant_bits

    fract_bits >>= tail_zeros
    b2 -= n_fract_bits - 1
    common2 = min(b2, s2)
    b2 -= common2
    s2 -= common2
    m2 -= common2
    if n_fract_bits == 1:
        # Exact power of two: the gap below is half as wide.
        m2 -= 1
    if m2 < 0:
        b2 -= m2
        s2 -= m2
        m2 = 0

    b_bits = n_fract_bits + b2 + (_N_5_BITS[b5] if b5 < len(_N_5_BITS) else b5 * 3)
    ten_s_bits = s2 + 1 + (_N_5_BITS[s5 + 1] if s5 + 1 < len(_N_5_BITS) else (s5 + 1) * 3)
    digits = []
    if b_bits < 64 and ten_s_bits < 64:
        # "They're all longs."  (The Java code's "all ints" branch, for
        # b_bits and ten_s_bits < 32, is only reachable for floats: for every
        # double one of them is >= 32, checked over all exponents and widths.)
        # b, s, tens and m start below 2**63 and b stays in [0, tens), so only
        # m * 10 and b + m can leave a Java long, and there they wrap.
        s = 5 ** s5 << s2
        b = fract_bits * 5 ** b5 << b2
        m = 5 ** m5 << m2
        tens = s * 10
        q, r = divmod(b, s)
        b = 10 * r
        m = _i64(m * 10)
        low = b < m
        high = _i64(b + m) > tens
        if q == 0 and not high:
            dec_exp -= 1
        else:
            digits.append(q)
        if dec_exp < -3 or dec_exp >= 8:
            high = low = False
        while not low and not high:
            q, r = divmod(b, s)
            b = 10 * r
            m *= 10
            if not -_LONG_RANGE <= m < _LONG_RANGE:
                m = _i64(m)
            if m > 0:
                # "hack -- m might overflow!"
                low = b < m
                t = b + m
                high = _LONG_RANGE > t > tens     # a sum >= 2**63 wraps negative
            else:
                low = high = True
            digits.append(q)
        low_digit_difference = (b << 1) - tens    # within a long: b < tens < 2**63
    else:
        # FDBigInteger arithmetic: exact, but the high test is inclusive.
        s = 5 ** s5 << s2
        b = fract_bits * 5 ** b5 << b2
        m = 5 ** m5 << m2
        tens = s * 10
        q, r = divmod(b, s)
        b = 10 * r
        m *= 10
        low = b < m
        high = b + m >= tens
        if q == 0 and not high:
            dec_exp -= 1
        else:
            digits.append(q)
        if dec_exp < -3 or dec_exp >= 8:
            high = low = False
        while not low and not high:
            q, r = divmod(b, s)
            b = 10 * r
            m *= 10
            low = b < m
            high = b + m >= tens
            digits.append(q)
        low_digit_difference = (b << 1) - tens if (high and low) else 0

    dec_exponent = dec_exp + 1
    if high:
        if not low or low_digit_difference > 0 or (low_digit_difference == 0 and digits[-1] & 1):
            # roundup(): add one to the last digit, carrying.
            i = len(digits) - 1
            while digits[i] == 9 and i > 0:
                digits[i] = 0
                i -= 1
            if digits[i] == 9:
                # Carry out: a leading 1, the other digits (already zeros) kept.
                dec_exponent += 1
                digits[0] = 1
            else:
                digits[i] += 1
    return "".join([chr(48 + q) for q in digits]), dec_exponent


def _format(negative: bool, digits: str, dec_exponent: int) -> str:
    """FloatingDecimal.BinaryToASCIIBuffer.getChars."""
    n = len(digits)
    if 0 < dec_exponent < 8:
        if n <= dec_exponent:
            text = digits + "0" * (dec_exponent - n) + ".0"
        else:
            text = digits[:dec_exponent] + "." + digits[dec_exponent:]
    elif -3 < dec_exponent <= 0:
        text = "0." + "0" * -dec_exponent + digits
    else:
        text = digits[0] + "." + (digits[1:] or "0") + "E" + str(dec_exponent - 1)
    return "-" + text if negative else text


def jdk17_double_str(d: float) -> str:
    """Java 17's Double.toString(d), by the full FloatingDecimal algorithm."""
    bits = _unpack_q(_pack(d))[0]
    exp_bits = (bits >> 52) & 0x7FF
    if exp_bits == 0x7FF:
        if bits & 0xFFFFFFFFFFFFF:
            return "NaN"
        return "-Infinity" if bits >> 63 else "Infinity"
    if not bits & 0x7FFFFFFFFFFFFFFF:
        return "-0.0" if bits >> 63 else "0.0"
    digits, dec_exponent = _digits(bits)
    return _format(bool(bits >> 63), digits, dec_exponent)


_TWO53 = 9007199254740992.0         # 2**53
_MIN_NORMAL = 2.2250738585072014e-308


def java_double_str(d: float) -> str:
    """Java 17's Double.toString(d).

    Fast path: for a normal double v with |v| < 2**53 that is not a power of
    two below 1e-3, JDK 17's digits are exactly the shortest round-trip digits
    that ``repr`` gives, so only the layout has to be converted (for
    1e-3 <= |v| < 1e7 ``repr`` already is Java's string).  Why:

    * an integer v < 2**53 is printed exactly by JDK 17, and that is also the
      shortest (its ulp is at most 1);
    * otherwise ulp(v) <= 1/2, so the ends of the rounding interval, odd
      multiples of ulp/2 (or ulp/4), have at least 18 significant digits: no
      candidate of <= 17 digits lies on them, and JDK 17's handling of the
      ends does not matter;
    * with the interval symmetric (v is not a power of two, or is one of the
      exact powers of two 2**-1 .. 2**-9), generating digits until the
      truncated or rounded-up value falls inside stops at the shortest length
      and then picks the closer of the two, as ``repr`` does (exact ties
      cannot happen); E-notation's two-digit minimum only turns a one-digit
      result d into "d0", which prints the same ("d.0E..");
    * the 64-bit arithmetic cannot wrap at any step it reaches (checked over
      every binary exponent and significand width: the only exceptions are
      2**-7, which stops long before, and values >= 2**82).

    Everything else (subnormals, |v| >= 2**53, the powers of two below 1e-3,
    zeros, NaN, infinities) takes the full algorithm.
    """
    if 1e-3 <= d < 1e7 or -1e7 < d <= -1e-3:
        return repr(d)
    a = -d if d < 0.0 else d
    if _MIN_NORMAL <= a < _TWO53 and (a >= 1.0 or frexp(a)[0] != 0.5):
        r = repr(a)
        if a >= 1.0:
            # 1e7 <= a < 2**53: repr is positional, "12345678.9" or "12345678.0".
            head, _, frac = r.partition(".")
            digits = head + frac if frac != "0" else head.rstrip("0")
            exp = len(head) - 1
        elif "e" in r:
            # a < 1e-4: "1.5e-05" or "1e-05".
            mant, _, e = r.partition("e")
            text = (mant if "." in mant else mant + ".0") + "E" + str(int(e))
            return "-" + text if d < 0.0 else text
        else:
            # 1e-4 <= a < 1e-3: "0.00015".
            digits = r[5:]          # after "0.000"
            exp = -4
        text = digits[0] + "." + (digits[1:] or "0") + "E" + str(exp)
        return "-" + text if d < 0.0 else text
    return jdk17_double_str(d)
