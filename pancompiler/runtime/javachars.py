"""Sets of code points for the Java regex translator: ranges, algebra, properties.

Java character classes support union, intersection and negation, and many
named properties (``\\p{Alpha}``, ``\\p{javaLowerCase}``, ``\\p{L}``,
``\\p{IsLatin}``...) that Python's ``re`` lacks.  Here a set of code points is a
tuple of inclusive ``(lo, hi)`` ranges, sorted and merged, so the translator
can do the algebra itself and emit one plain ``[...]`` class.  Property sets
come from ``unicodedata`` and are built lazily, once per process.  Java's
case-insensitive matching is applied as a closure over a set (ASCII-only by
default, Unicode with the ``u`` flag), so the emitted Python pattern never
needs ``re.IGNORECASE``.  Scripts and blocks are approximations (names of
characters, a table of common blocks).
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from functools import lru_cache

MAX_CP = 0x10FFFF
RangeSet = tuple  # tuple[tuple[int, int], ...]

EMPTY: RangeSet = ()
ALL: RangeSet = ((0, MAX_CP),)


def normalize(pairs) -> RangeSet:
    """Sort and merge ``(lo, hi)`` pairs into a canonical set."""
    out: list[list[int]] = []
    for lo, hi in sorted(pairs):
        if out and lo <= out[-1][1] + 1:
            if hi > out[-1][1]:
                out[-1][1] = hi
        else:
            out.append([lo, hi])
    return tuple((lo, hi) for lo, hi in out)


def chars(text: str) -> RangeSet:
    return normalize((ord(c), ord(c)) for c in text)


def union(a: RangeSet, b: RangeSet) -> RangeSet:
    if not a:
        return b
    if not b:
        return a
    return normalize(a + b)


def complement(a: RangeSet) -> RangeSet:
    out = []
    nxt = 0
    for lo, hi in a:
        if lo > nxt:
            out.append((nxt, lo - 1))
        nxt = hi + 1
    if nxt <= MAX_CP:
        out.append((nxt, MAX_CP))
    return tuple(out)


def intersect(a: RangeSet, b: RangeSet) -> RangeSet:
    out = []
    i = j = 0
    while i < len(a) and j < len(b):
        lo = max(a[i][0], b[j][0])
        hi = min(a[i][1], b[j][1])
        if lo <= hi:
            out.append((lo, hi))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return tuple(out)


def contains(a: RangeSet, cp: int, starts: list | None = None) -> bool:
    """Whether ``cp`` is in the set (``starts``: the sorted range starts, if known)."""
    i = bisect_right(starts if starts is not None else [lo for lo, _ in a], cp) - 1
    return i >= 0 and cp <= a[i][1]


# ------------------------------------------------------------ case closures

def ci_ascii(a: RangeSet) -> RangeSet:
    """Java's default CASE_INSENSITIVE: ASCII letters match both cases."""
    extra = []
    for lo, hi in a:
        for base, other in ((0x61, 0x41), (0x41, 0x61)):
            s, e = max(lo, base), min(hi, base + 25)
            if s <= e:
                extra.append((s - base + other, e - base + other))
    return normalize(a + tuple(extra)) if extra else a


@lru_cache(maxsize=1)
def _case_pairs() -> tuple:
    """(cp, related code points) for every character with a simple case mapping."""
    out = []
    for cp in range(0x20000):
        ch = chr(cp)
        up, low = ch.upper(), ch.lower()
        related = set()
        for m in (up, low):
            if len(m) == 1 and m != ch:
                related.add(ord(m))
        if len(up) == 1:
            ul = up.lower()
            if len(ul) == 1 and ul != ch:
                related.add(ord(ul))
        if related:
            out.append((cp, tuple(related)))
    return tuple(out)


def ci_unicode(a: RangeSet) -> RangeSet:
    """CASE_INSENSITIVE with UNICODE_CASE: close the set under case mapping."""
    extra = []
    starts = [lo for lo, _ in a]
    for cp, related in _case_pairs():
        if contains(a, cp, starts):
            extra.extend((r, r) for r in related)
        elif any(contains(a, r, starts) for r in related):
            extra.append((cp, cp))
    return normalize(a + tuple(extra)) if extra else a


# -------------------------------------------------------- fixed ASCII sets

def _r(*pairs) -> RangeSet:
    return normalize((p, p) if isinstance(p, int) else p for p in pairs)


DIGIT = _r((0x30, 0x39))
LOWER = _r((0x61, 0x7A))
UPPER = _r((0x41, 0x5A))
ALPHA = union(LOWER, UPPER)
ALNUM = union(ALPHA, DIGIT)
WORD = union(ALNUM, _r(0x5F))
SPACE = _r((0x09, 0x0D), 0x20)
PUNCT = _r((0x21, 0x2F), (0x3A, 0x40), (0x5B, 0x60), (0x7B, 0x7E))
GRAPH = union(ALNUM, PUNCT)
PRINT = _r((0x20, 0x7E))
BLANK = _r(0x09, 0x20)
CNTRL = _r((0x00, 0x1F), 0x7F)
XDIGIT = _r((0x30, 0x39), (0x41, 0x46), (0x61, 0x66))
ASCII = _r((0x00, 0x7F))
HORIZ_WS = _r(0x09, 0x20, 0xA0, 0x1680, 0x180E, (0x2000, 0x200A), 0x202F, 0x205F, 0x3000)
VERT_WS = _r((0x0A, 0x0D), 0x85, 0x2028, 0x2029)
LINE_TERMINATORS = _r(0x0A, 0x0D, 0x85, 0x2028, 0x2029)
WHITE_SPACE = _r((0x09, 0x0D), 0x20, 0x85, 0xA0, 0x1680, (0x2000, 0x200A), 0x2028, 0x2029,
                 0x202F, 0x205F, 0x3000)
HEX_DIGIT = union(XDIGIT, _r((0xFF10, 0xFF19), (0xFF21, 0xFF26), (0xFF41, 0xFF46)))
JOIN_CONTROL = _r(0x200C, 0x200D)

_POSIX = {
    "ASCII": ASCII, "Alnum": ALNUM, "Alpha": ALPHA, "Blank": BLANK, "Cntrl": CNTRL,
    "Digit": DIGIT, "Graph": GRAPH, "Lower": LOWER, "Print": PRINT, "Punct": PUNCT,
    "Space": SPACE, "Upper": UPPER, "XDigit": XDIGIT,
}


# -------------------------------------------------- Unicode category tables

@lru_cache(maxsize=1)
def _categories() -> dict:
    """General category -> range set, from one scan of the assigned planes."""
    runs: dict[str, list] = {}
    category = unicodedata.category
    for start, end in ((0, 0x3FFFF), (0xE0000, 0xE0FFF)):
        cur = category(chr(start))
        lo = start
        for cp in range(start + 1, end + 1):
            cat = category(chr(cp))
            if cat != cur:
                runs.setdefault(cur, []).append((lo, cp - 1))
                cur, lo = cat, cp
        runs.setdefault(cur, []).append((lo, end))
    for lo, hi, cat in ((0x40000, 0xDFFFF, "Cn"), (0xE1000, 0xEFFFF, "Cn"),
                        (0xF0000, 0xFFFFD, "Co"), (0xFFFFE, 0xFFFFF, "Cn"),
                        (0x100000, 0x10FFFD, "Co"), (0x10FFFE, 0x10FFFF, "Cn")):
        runs.setdefault(cat, []).append((lo, hi))
    return {cat: normalize(pairs) for cat, pairs in runs.items()}


_MAJOR = ("L", "M", "N", "P", "S", "Z", "C")


def category(name: str) -> RangeSet | None:
    """A general category ("Lu") or major class ("L"), or None."""
    cats = _categories()
    if name in cats:
        return cats[name]
    if name in _MAJOR:
        out: RangeSet = EMPTY
        for cat, rs in cats.items():
            if cat[0] == name:
                out = union(out, rs)
        return out
    if name == "LC":
        return union(union(cats["Lu"], cats["Ll"]), cats["Lt"])
    if name in ("Cn", "Cs", "Co"):  # absent only if never seen
        return EMPTY
    return None


def _cats(*names: str) -> RangeSet:
    out: RangeSet = EMPTY
    for n in names:
        out = union(out, category(n) or EMPTY)
    return out


@lru_cache(maxsize=None)
def _scan(kind: str) -> RangeSet:
    """Sets defined by a per-character test (only built when used)."""
    if kind == "mirrored":
        test = lambda ch: unicodedata.mirrored(ch) == 1  # noqa: E731
    elif kind == "lower":
        test = str.islower
    elif kind == "upper":
        test = str.isupper
    elif kind == "ideographic":
        test = lambda ch: unicodedata.name(ch, "").startswith(  # noqa: E731
            ("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH", "TANGUT IDEOGRAPH"))
    else:
        raise KeyError(kind)
    return normalize((cp, cp) for cp in range(0x40000) if test(chr(cp)))


def _identifier_ignorable() -> RangeSet:
    return union(_r((0x00, 0x08), (0x0E, 0x1B), (0x7F, 0x9F)), _cats("Cf"))


def _java_predicate(name: str, ci: bool) -> RangeSet | None:
    """The ``\\p{javaXxx}`` classes (java.lang.Character methods)."""
    if name in ("javaLowerCase", "javaUpperCase", "javaTitleCase") and ci:
        return union(union(_java_predicate("javaLowerCase", False), _java_predicate(
            "javaUpperCase", False)), _cats("Lt"))
    if name == "javaLowerCase":
        return union(_cats("Ll"), _scan("lower"))
    if name == "javaUpperCase":
        return union(_cats("Lu"), _scan("upper"))
    if name == "javaTitleCase":
        return _cats("Lt")
    if name == "javaDigit":
        return _cats("Nd")
    if name == "javaDefined":
        return complement(_cats("Cn"))
    if name == "javaLetter":
        return _cats("L")
    if name == "javaLetterOrDigit":
        return _cats("L", "Nd")
    if name == "javaAlphabetic":
        return _cats("L", "Nl")
    if name == "javaIdeographic":
        return _scan("ideographic")
    if name == "javaSpaceChar":
        return _cats("Z")
    if name == "javaWhitespace":
        return union(intersect(_cats("Z"), complement(_r(0xA0, 0x2007, 0x202F))),
                     _r((0x09, 0x0D), (0x1C, 0x1F)))
    if name == "javaISOControl":
        return _r((0x00, 0x1F), (0x7F, 0x9F))
    if name == "javaMirrored":
        return _scan("mirrored")
    if name == "javaIdentifierIgnorable":
        return _identifier_ignorable()
    if name in ("javaJavaIdentifierStart", "javaUnicodeIdentifierStart"):
        extra = ("Sc", "Pc") if name == "javaJavaIdentifierStart" else ()
        return _cats("L", "Nl", *extra)
    if name in ("javaJavaIdentifierPart", "javaUnicodeIdentifierPart"):
        extra = ("Sc",) if name == "javaJavaIdentifierPart" else ()
        return union(_cats("L", "Nl", "Pc", "Nd", "Mn", "Mc", *extra), _identifier_ignorable())
    return None


def _binary_property(name: str, ci: bool) -> RangeSet | None:
    """``\\p{IsAlphabetic}`` and friends (Java's UnicodeProp)."""
    key = name.upper().replace(" ", "_")
    if key in ("ALPHABETIC",):
        return _cats("L", "Nl")
    if key == "LETTER":
        return _cats("L")
    if key == "IDEOGRAPHIC":
        return _scan("ideographic")
    if key in ("LOWERCASE", "UPPERCASE", "TITLECASE"):
        if ci:
            return union(union(_binary_property("LOWERCASE", False),
                               _binary_property("UPPERCASE", False)), _cats("Lt"))
        if key == "LOWERCASE":
            return union(_cats("Ll"), _scan("lower"))
        if key == "UPPERCASE":
            return union(_cats("Lu"), _scan("upper"))
        return _cats("Lt")
    if key == "PUNCTUATION":
        return _cats("P")
    if key == "CONTROL":
        return _cats("Cc")
    if key in ("WHITE_SPACE", "WHITESPACE"):
        return WHITE_SPACE
    if key in ("HEX_DIGIT", "HEXDIGIT"):
        return HEX_DIGIT
    if key in ("JOIN_CONTROL", "JOINCONTROL"):
        return JOIN_CONTROL
    if key == "DIGIT":
        return _cats("Nd")
    if key == "ASSIGNED":
        return complement(_cats("Cn"))
    if key in ("NONCHARACTER_CODE_POINT", "NONCHARACTERCODEPOINT"):
        pairs = [(0xFDD0, 0xFDEF)] + [(p * 0x10000 + 0xFFFE, p * 0x10000 + 0xFFFF)
                                      for p in range(17)]
        return normalize(pairs)
    if key == "WORD":
        return union(_cats("L", "Nl", "Mn", "Me", "Mc", "Nd", "Pc"), JOIN_CONTROL)
    if key == "ALNUM":
        return _cats("L", "Nl", "Nd")
    if key == "BLANK":
        return union(_cats("Zs"), _r(0x09))
    if key == "GRAPH":
        return complement(union(WHITE_SPACE, _cats("Cc", "Cs", "Cn")))
    if key == "PRINT":
        graph = _binary_property("GRAPH", ci)
        blank = _binary_property("BLANK", ci)
        return intersect(union(graph, blank), complement(_cats("Cc")))
    return None


def unicode_posix(name: str, ci: bool) -> RangeSet | None:
    """POSIX names under UNICODE_CHARACTER_CLASS (``(?U)``)."""
    table = {"Alpha": "ALPHABETIC", "Lower": "LOWERCASE", "Upper": "UPPERCASE",
             "Space": "WHITE_SPACE", "Punct": "PUNCTUATION", "Cntrl": "CONTROL",
             "Digit": "DIGIT", "Blank": "BLANK", "Graph": "GRAPH", "Print": "PRINT",
             "Alnum": "ALNUM"}
    if name == "XDigit":
        return union(_cats("Nd"), HEX_DIGIT)
    if name in table:
        return _binary_property(table[name], ci)
    return None


def java_property(name: str, ci: bool) -> RangeSet | None:
    """Java's CharPredicates.forProperty: POSIX, java*, general categories."""
    if name in _POSIX:
        if ci and name in ("Lower", "Upper"):
            return ALPHA
        return _POSIX[name]
    if name.startswith("java"):
        return _java_predicate(name, ci)
    if name == "all":
        return ALL
    if ci and name in ("Lu", "Ll", "Lt"):
        return _cats("Lu", "Ll", "Lt")
    return category(name)


def is_property(name: str, ci: bool) -> RangeSet | None:
    """``\\p{IsXxx}``: binary property, category or script."""
    found = _binary_property(name, ci)
    if found is None:
        found = java_property(name, ci)
    if found is None:
        found = script(name)
    return found


_SCRIPT_PREFIXES = {
    "LATIN": ("LATIN ",), "GREEK": ("GREEK ",), "CYRILLIC": ("CYRILLIC ",),
    "ARMENIAN": ("ARMENIAN ",), "HEBREW": ("HEBREW ",), "ARABIC": ("ARABIC ",),
    "DEVANAGARI": ("DEVANAGARI ",), "THAI": ("THAI ",), "GEORGIAN": ("GEORGIAN ",),
    "HANGUL": ("HANGUL ",), "HIRAGANA": ("HIRAGANA ",), "KATAKANA": ("KATAKANA ",),
    "HAN": ("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH"),
}
_SCRIPT_ALIASES = {"LATN": "LATIN", "GREK": "GREEK", "CYRL": "CYRILLIC", "ARMN": "ARMENIAN",
                   "HEBR": "HEBREW", "ARAB": "ARABIC", "DEVA": "DEVANAGARI",
                   "GEOR": "GEORGIAN", "HANG": "HANGUL", "HIRA": "HIRAGANA",
                   "KANA": "KATAKANA", "HANI": "HAN"}


@lru_cache(maxsize=None)
def script(name: str) -> RangeSet | None:
    """An approximation of a Unicode script, from the characters' names."""
    key = name.upper()
    key = _SCRIPT_ALIASES.get(key, key)
    prefixes = _SCRIPT_PREFIXES.get(key)
    if prefixes is None:
        return None
    uname = unicodedata.name
    return normalize((cp, cp) for cp in range(0x30000)
                     if uname(chr(cp), "").startswith(prefixes))


_BLOCKS = {
    "BASICLATIN": (0x0000, 0x007F), "LATIN1SUPPLEMENT": (0x0080, 0x00FF),
    "LATINEXTENDEDA": (0x0100, 0x017F), "LATINEXTENDEDB": (0x0180, 0x024F),
    "IPAEXTENSIONS": (0x0250, 0x02AF), "SPACINGMODIFIERLETTERS": (0x02B0, 0x02FF),
    "COMBININGDIACRITICALMARKS": (0x0300, 0x036F), "GREEKANDCOPTIC": (0x0370, 0x03FF),
    "GREEK": (0x0370, 0x03FF), "CYRILLIC": (0x0400, 0x04FF), "ARMENIAN": (0x0530, 0x058F),
    "HEBREW": (0x0590, 0x05FF), "ARABIC": (0x0600, 0x06FF), "DEVANAGARI": (0x0900, 0x097F),
    "THAI": (0x0E00, 0x0E7F), "GEORGIAN": (0x10A0, 0x10FF), "HANGULJAMO": (0x1100, 0x11FF),
    "LATINEXTENDEDADDITIONAL": (0x1E00, 0x1EFF), "GREEKEXTENDED": (0x1F00, 0x1FFF),
    "GENERALPUNCTUATION": (0x2000, 0x206F), "CURRENCYSYMBOLS": (0x20A0, 0x20CF),
    "LETTERLIKESYMBOLS": (0x2100, 0x214F), "NUMBERFORMS": (0x2150, 0x218F),
    "ARROWS": (0x2190, 0x21FF), "MATHEMATICALOPERATORS": (0x2200, 0x22FF),
    "BOXDRAWING": (0x2500, 0x257F), "GEOMETRICSHAPES": (0x25A0, 0x25FF),
    "MISCELLANEOUSSYMBOLS": (0x2600, 0x26FF), "DINGBATS": (0x2700, 0x27BF),
    "CJKSYMBOLSANDPUNCTUATION": (0x3000, 0x303F), "HIRAGANA": (0x3040, 0x309F),
    "KATAKANA": (0x30A0, 0x30FF), "CJKUNIFIEDIDEOGRAPHS": (0x4E00, 0x9FFF),
    "HANGULSYLLABLES": (0xAC00, 0xD7AF), "PRIVATEUSEAREA": (0xE000, 0xF8FF),
    "ALPHABETICPRESENTATIONFORMS": (0xFB00, 0xFB4F),
    "HALFWIDTHANDFULLWIDTHFORMS": (0xFF00, 0xFFEF), "SPECIALS": (0xFFF0, 0xFFFF),
}


def block(name: str) -> RangeSet | None:
    """A Unicode block from a table of the common ones (spaces, '_', '-' ignored)."""
    key = name.upper().replace(" ", "").replace("_", "").replace("-", "")
    found = _BLOCKS.get(key)
    return (found,) if found else None
