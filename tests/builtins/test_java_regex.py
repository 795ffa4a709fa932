"""Java regex translation: results and error messages checked against Java 17.

The expected values below were produced by java.util.regex itself; the test
only runs our translation.
"""

import pytest

from pancompiler.runtime import javacompat as jc
from pancompiler.runtime.javacompat import (JavaRegexError, JavaReplacementError,
                                            compile_java_regex, java_replace_all, java_split)

FLAGS = {"i": jc.CASE_INSENSITIVE, "s": jc.DOTALL, "m": jc.MULTILINE, "u": jc.UNICODE_CASE,
         "x": jc.COMMENTS}

FIND = [
    ('o', '', 'foo', ['o']),
    ('x', '', 'foo', None),
    ('^hello$', '', 'HelLo', None),
    ('^(?i)hello$', '', 'HelLo', ['HelLo']),
    ('^hello$', 'i', 'HELLO', ['HELLO']),
    ('^(\\d+)\\.(\\d+)\\.(\\d+)\\.(\\d+)$', '', '137.138.16.5', ['137.138.16.5', '137', '138', '16', '5']),
    ('^(\\d+\\.){3}(\\d+)$', '', '137.138.16.5', ['137.138.16.5', '16.', '5']),
    ('((\\w)\\2).+\\1', '', 'abbcddef aabcddeff', ['ddef aabcdd', 'dd', 'd']),
    ('\\d+', '', '١٢٣ 42', ['42']),
    ('\\w+', '', 'été x_1', ['t']),
    ('\\s+', '', 'a\xa0 \tb', [' \t']),
    ('[a-z&&[^e]]+', '', 'hello', ['h']),
    ('[\\w&&[^\\d]]+', '', '12ab3', ['ab']),
    ('\\p{Alpha}+', '', 'ÀBc', ['Bc']),
    ('\\p{L}+', '', '1ÀBc', ['ÀBc']),
    ('\\p{Lu}+', '', 'aÀBc', ['ÀB']),
    ('\\p{javaLowerCase}+', '', 'AbcÉé', ['bc']),
    ('\\P{Digit}+', '', '12ab', ['ab']),
    ('\\Qa.b\\E+', '', 'a.bbb', ['a.bbb']),
    ('a.b', '', 'axb', ['axb']),
    ('a.b', '', 'a\nb', None),
    ('a.b', 's', 'a\nb', ['a\nb']),
    ('a.b', '', 'a\rb', None),
    ('a.b', '', 'a\u2028b', None),
    ('foo$', '', 'foo\n', ['foo']),
    ('foo$', '', 'foo\r\n', ['foo']),
    ('foo$', '', 'foo\r', ['foo']),
    ('foo$', '', 'foo\n\n', None),
    ('^b', 'm', 'a\nb', ['b']),
    ('a$', 'm', 'a\r\nb', ['a']),
    ('(?m)^$', '', '', None),
    ('^$', '', '', ['']),
    ('a\\Z', '', 'a\n', ['a']),
    ('a\\z', '', 'a\n', None),
    ('(?<year>\\d{4})-(?<m>\\d\\d)', '', 'on 2024-05-01', ['2024-05', '2024', '05']),
    ('(?<x>a)\\k<x>', '', 'aa', ['aa', 'a']),
    ('a(?i)b|c', '', 'C', ['C']),
    ('(a(?i)b)c', '', 'aBC', None),
    ('(a)|b', '', 'b', ['b', None]),
    ('(a)?(b)', '', 'b', ['b', None, 'b']),
    ('a{2}{3}', '', 'aaaaaa', ['aa']),
    ('(?<=a|bc)d', '', 'bcd', ['d']),
    ('[]a]+', '', ']a]', [']a]']),
    ('(?x) a b # comment', '', 'ab', ['ab']),
    ('a b', 'x', 'ab', ['ab']),
    ('(?i)é', '', 'É', None),
    ('(?iu)é', '', 'É', ['É']),
    ('é', 'iu', 'É', ['É']),
    ('[k]', 'i', 'K', None),
    ('[k]', 'iu', 'K', ['K']),
    ('\\x41\\u0042\\0103', '', 'ABC', ['ABC']),
    ('\\x{1F600}', '', 'a😀', ['😀']),
    ('\\h+', '', 'a \t\xa0b', [' \t\xa0']),
    ('\\R', '', 'a\r\nb', ['\r\n']),
    ('a++a', '', 'aaa', None),
    ('(?>a+)b', '', 'aab', ['aab']),
    ('\\bfoo\\b', '', 'a foo.', ['foo']),
    ('\\1(a)', '', 'aa', None),
    ('(a)\\11', '', 'aa1', ['aa1', 'a']),
    ('(?i)(a)\\1', '', 'aA', ['aA', 'a']),
    ('\\p{IsLatin}+', '', 'abΩ', ['ab']),
    ('\\p{InGreek}+', '', 'aΩβ', ['Ωβ']),
]

REGEX_ERRORS = [
    ('^1[23+$', 'Unclosed character class near index 6\n^1[23+$\n      ^'),
    ('(a', 'Unclosed group near index 2\n(a'),
    ('a)', "Unmatched closing ')' near index 0\na)\n^"),
    ('*a', "Dangling meta character '*' near index 0\n*a\n^"),
    ('a**', "Dangling meta character '*' near index 2\na**\n  ^"),
    ('x{a}', 'Illegal repetition near index 2\nx{a}\n  ^'),
    ('a{3,2}', 'Illegal repetition range near index 5\na{3,2}\n     ^'),
    ('\\p{Foo}', 'Unknown character property name {Foo} near index 6\n\\p{Foo}\n      ^'),
    ('[z-a]', 'Illegal character range near index 3\n[z-a]\n   ^'),
    ('\\k<b>', 'named capturing group <b> does not exist near index 4\n\\k<b>\n    ^'),
    ('(?q)', 'Unknown inline modifier near index 2\n(?q)\n  ^'),
    ('\\E', 'Illegal/unsupported escape sequence near index 1\n\\E\n ^'),
    ('\\08', 'Illegal octal escape sequence near index 2\n\\08\n  ^'),
    ('\\xg', 'Illegal hexadecimal escape sequence near index 2\n\\xg\n  ^'),
    ('\\u12', 'Illegal Unicode escape sequence near index 4\n\\u12'),
    ('[\\b]', 'Illegal/unsupported escape sequence near index 2\n[\\b]\n  ^'),
    ('(?<a>x)(?<a>y)', 'Named capturing group <a> is already defined near index 11\n(?<a>x)(?<a>y)\n           ^'),
    ('\\', 'Unexpected internal error near index 1\n\\'),
    ('\\p', 'Unknown character property name {\x00} near index 2\n\\p'),
    ('[a-\\d]', 'Illegal character range near index 4\n[a-\\d]\n    ^'),
    ('a{1', 'Unclosed counted closure near index 3\na{1'),
    ('\\c', 'Illegal control escape sequence near index 1\n\\c\n ^'),
    ('\\N{FOO}', 'Unknown character name [FOO] near index 6\n\\N{FOO}\n      ^'),
    ('(?<1a>x)', 'capturing group name does not start with a Latin letter near index 3\n(?<1a>x)\n   ^'),
    ('\\y', 'Illegal/unsupported escape sequence near index 1\n\\y\n ^'),
    ('{', 'Illegal repetition near index 1\n{'),
]

SPLIT = [
    ('\\s*,\\s*', 0, 'a,b , c,,', ['a', 'b', 'c']),
    ('\\s*,\\s*', -1, 'a,b , c,,', ['a', 'b', 'c', '', '']),
    ('\\s*,\\s*', 2, 'a,b , c,,', ['a', 'b , c,,']),
    ('', 0, 'abc', ['a', 'b', 'c']),
    ('x*', 0, 'abxd', ['a', 'b', '', 'd']),
    (',', 0, '', ['']),
    (',', 0, ',', []),
    (',', 0, ',a,,b,,', ['', 'a', '', 'b']),
    (',', -1, ',a,,b,,', ['', 'a', '', 'b', '', '']),
    (',', 1, 'a,b', ['a,b']),
    ('(?=a)|a', 0, 'banana', ['b', 'an', 'an', 'a']),
    ('\\d', 3, 'a1b22c3d', ['a', 'b', '2c3d']),
]

REPLACE = [
    ('\\d', '-', 'a1b2c3d', 'a-b-c-d'),
    ('(a)(b)?', '[$1|$2]', 'ab a', '[a|b] [a|]'),
    ('x*', '-', 'abxd', '-a-b--d-'),
    ('(?<g>b)', '<${g}>', 'abc', 'a<b>c'),
    ('a', '\\$\\\\', 'aa', '$\\$\\'),
    ('(a)', '$11', 'a', 'a1'),
    ('(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)', '$11$10$1', 'abcdefghijk', 'kja'),
    ('z', '$', 'abc', 'abc'),
]

REPLACE_ERRORS = [
    ('BAD', '$OK', 'BAD'),  # java.lang.IllegalArgumentException
    ('a', '$', 'a'),  # java.lang.IllegalArgumentException
    ('a', '\\', 'a'),  # java.lang.IllegalArgumentException
    ('a', '$2', 'a'),  # java.lang.IndexOutOfBoundsException
    ('a', '${x}', 'a'),  # java.lang.IllegalArgumentException
    ('a', '${}', 'a'),  # java.lang.IllegalArgumentException
    ('a', '${1}', 'a'),  # java.lang.IllegalArgumentException
    ('a', '${a', 'a'),  # java.lang.IllegalArgumentException
]


@pytest.mark.parametrize("regex,flags,text,expected", FIND)
def test_find_like_java(regex, flags, text, expected):
    pattern = compile_java_regex(regex, sum(FLAGS[f] for f in flags))
    m = pattern.search(text)
    assert (None if m is None else [m.group(0), *m.groups()]) == expected


@pytest.mark.parametrize("regex,message", REGEX_ERRORS)
def test_invalid_regex_has_javas_message(regex, message):
    with pytest.raises(JavaRegexError) as info:
        compile_java_regex(regex)
    assert str(info.value) == message


@pytest.mark.parametrize("regex,limit,text,expected", SPLIT)
def test_split_like_java(regex, limit, text, expected):
    assert java_split(compile_java_regex(regex), text, limit) == expected


@pytest.mark.parametrize("regex,replacement,text,expected", REPLACE)
def test_replace_all_like_java(regex, replacement, text, expected):
    assert java_replace_all(compile_java_regex(regex), text, replacement) == expected


@pytest.mark.parametrize("regex,replacement,text", REPLACE_ERRORS)
def test_bad_replacement_strings(regex, replacement, text):
    with pytest.raises(JavaReplacementError):
        java_replace_all(compile_java_regex(regex), text, replacement)


def test_bad_replacement_is_ignored_without_a_match():
    assert java_replace_all(compile_java_regex("z"), "abc", "$9") == "abc"


def test_compiled_patterns_and_errors_are_cached():
    assert compile_java_regex(r"^\d+$") is compile_java_regex(r"^\d+$")
    first = second = None
    for _ in range(2):
        try:
            compile_java_regex("[")
        except JavaRegexError as exc:
            first, second = second, exc
    assert first is second


def test_translation_needs_no_python_flags():
    text = jc.translate(r"(?i)a.b$")
    assert "(?i" not in text and "(?s" not in text


def test_match_flags():
    assert jc.match_flags("ims") == jc.CASE_INSENSITIVE | jc.MULTILINE | jc.DOTALL
    with pytest.raises(ValueError) as info:
        jc.match_flags("iq")
    assert str(info.value) == "q"


def test_utf16_helpers():
    s = "a😀b"
    assert jc.utf16_len(s) == 4
    assert len(jc.to_utf16(s)) == 4
    assert jc.from_utf16(jc.to_utf16(s)) == s
    assert jc.java_string_hash("hello") == 0x5E918D2
