"""Java's String.format as panc's format() uses it, checked against Java 17.

The expected values were produced by String.format itself (UTC, US locale).
"""

import math

import pytest

from pancompiler.runtime.javaformat import JavaFormatError, java_format

NAN = math.nan
INF = math.inf

FORMAT_OK = [
    ('%s', [15], '15'),
    ('%s', [10000000.0], '1.0E7'),
    ('%s', [0.001], '0.001'),
    ('%s', [True], 'true'),
    ('%S', ['héllo'], 'HÉLLO'),
    ('%5s|', ['ab'], '   ab|'),
    ('%-5s|', ['ab'], 'ab   |'),
    ('%.2s', ['hello'], 'he'),
    ('%d', [-1234567], '-1234567'),
    ('%,d', [-1234567], '-1,234,567'),
    ('%+d', [5], '+5'),
    ('% d', [5], ' 5'),
    ('%(d', [-5], '(5)'),
    ('%08d', [-42], '-0000042'),
    ('%-8d|', [42], '42      |'),
    ('%(,010d', [-1234], '(0001,234)'),
    ('%x', [-1], 'ffffffffffffffff'),
    ('%X', [255], 'FF'),
    ('%#x', [255], '0xff'),
    ('%08X', [255], '000000FF'),
    ('%o', [8], '10'),
    ('%#o', [8], '010'),
    ('%o', [-8], '1777777777777777777770'),
    ('%f', [1.15], '1.150000'),
    ('%.2f', [1.15], '1.15'),
    ('%.2f', [1.005], '1.01'),
    ('%.1f', [0.25], '0.3'),
    ('%.0f', [2.5], '3'),
    ('%.0f', [0.5], '1'),
    ('%#.0f', [3.0], '3.'),
    ('%,.2f', [1234567.891], '1,234,567.89'),
    ('%10.3f|', [-3.14159], '    -3.142|'),
    ('%-10.3f|', [3.14159], '3.142     |'),
    ('%010.3f', [-3.14159], '-00003.142'),
    ('%(.2f', [-1.5], '(1.50)'),
    ('%f', [-0.0], '-0.000000'),
    ('%.3f', [1e-05], '0.000'),
    ('%.2f', [0.005], '0.01'),
    ('%f', [1e+20], '100000000000000000000.000000'),
    ('%e', [12345.678], '1.234568e+04'),
    ('%.2e', [9.995], '1.00e+01'),
    ('%E', [1e-10], '1.000000E-10'),
    ('%.0e', [5.0], '5e+00'),
    ('%12.4e|', [-0.000123], ' -1.2300e-04|'),
    ('%e', [0.0], '0.000000e+00'),
    ('%012.2e', [-1.5], '-0001.50e+00'),
    ('%g', [1.0], '1.00000'),
    ('%g', [0.0001], '0.000100000'),
    ('%g', [1e-05], '1.00000e-05'),
    ('%.3g', [1234567.0], '1.23e+06'),
    ('%G', [1e-10], '1.00000E-10'),
    ('%g', [123456.0], '123456'),
    ('%g', [1234567.0], '1.23457e+06'),
    ('%.0g', [0.0], '0'),
    ('%a', [1.0], '0x1.0p0'),
    ('%a', [-2.5], '-0x1.4p1'),
    ('%.2a', [1.0], '0x1.00p0'),
    ('%A', [0.1], '0X1.999999999999AP-4'),
    ('%.1a', [1.96875], '0x1.0p1'),
    ('%a', [5e-324], '0x0.0000000000001p-1022'),
    ('%f', [NAN], 'NaN'),
    ('%+f', [INF], '+Infinity'),
    ('%(f', [-INF], '(Infinity)'),
    ('%8.2f|', [NAN], '     NaN|'),
    ('%b', ['false'], 'true'),
    ('%b', [0], 'true'),
    ('%B', [False], 'FALSE'),
    ('%.2b', [True], 'tr'),
    ('%-6b|', ['x'], 'true  |'),
    ('%h', ['hello'], '5e918d2'),
    ('%H', [-1], '0'),
    ('%h', [1.5], '3ff80000'),
    ('%h', [True], '4cf'),
    ('%%', [1], '%'),
    ('%5%|', [1], '    %|'),
    ('%-5%|', [1], '%    |'),
    ('a%nb', [1], 'a\nb'),
    ('%2$s-%1$s', ['a', 'b'], 'b-a'),
    ('%s %<s %s', ['a', 'b'], 'a a b'),
    ('%1$s %s %s', ['a', 'b'], 'a a b'),
    ('%s', ['a', 'unused'], 'a'),
    ('%tY-%<tm-%<td %<tH:%<tM:%<tS', [1700000000000], '2023-11-14 22:13:20'),
    ('%tF %<tT %<tZ %<tz', [0], '1970-01-01 00:00:00 UTC +0000'),
    ('%tc', [1700000000000], 'Tue Nov 14 22:13:20 UTC 2023'),
    ('%TB %<te, %<tA %<tj', [1700000000000], 'NOVEMBER 14, Tuesday 318'),
    ('%tr %<tR %<tD %<tQ %<ts %<tL %<tN %<tp %<ty %<tC %<tI %<tk %<tl %<tb %<th %<ta', [1700000123456], '10:15:23 PM 22:15 11/14/23 1700000123456 1700000123 456 456000000 pm 23 20 10 22 10 Nov Nov Tue'),
]

FORMAT_ERRORS = [
    ('%q', [], "Conversion = 'q'"),
    ('%', [], "Conversion = '%'"),
    ('abc%', [], "Conversion = '%'"),
    ('%!', [], "Conversion = '!'"),
    ('%d', [1.5], 'd != java.lang.Double'),
    ('%d', ['x'], 'd != java.lang.String'),
    ('%x', ['BAD'], 'x != java.lang.String'),
    ('%x%x', [1], "Format specifier '%x'"),
    ('%c', [65], 'c != java.lang.Long'),
    ('%f', [1], 'f != java.lang.Long'),
    ('%#d', [1], 'Conversion = d, Flags = #'),
    ('%.2d', [1], '2'),
    ('%-d', [1], '%-d'),
    ('%0s', ['x'], 'Conversion = s, Flags = 0'),
    ('%+ d', [1], "Flags = '+ '"),
    ('%-05X', [1], "Flags = '-^0'"),
    ('%--5s', ['x'], "Flags = '-'"),
    ('%#s', ['x'], 'Conversion = s, Flags = #'),
    ('%+x', [1], 'Conversion = x, Flags = +'),
    ('%,x', [1], 'Conversion = x, Flags = ,'),
    ('%(x', [-1], 'Conversion = x, Flags = ('),
    ('%.2%', [], '2'),
    ('%5n', [], '5'),
    ('%-n', [], "Flags = '-'"),
    ('%<s', ['x'], "Format specifier '%<s'"),
    ('%3$s', ['x'], "Format specifier '%3$s'"),
    ('%0$s', ['x'], 'Illegal format argument index = 0'),
    ('%tq', [1], "Conversion = 'tq'"),
    ('%tY', ['x'], 'Y != java.lang.String'),
    ('%t', [], "Conversion = 't'"),
    ('%D', [1], "Conversion = 'D'"),
    ('%F', [1.0], "Conversion = 'F'"),
    ('%,e', [1.0], 'Conversion = e, Flags = ,'),
    ('%#g', [1.0], 'Conversion = g, Flags = #'),
    ('%(a', [1.0], 'Conversion = a, Flags = ('),
    ('%99999999999$s', ['x'], 'Format argument index: (not representable as int)'),
    ('%2147483648s', ['x'], '-2147483648'),
    ('%#b', [True], 'Conversion = b, Flags = #'),
    ('%d %q', ['x'], "Conversion = 'q'"),
]


@pytest.mark.parametrize("fmt,args,expected", FORMAT_OK)
def test_format_like_java(fmt, args, expected):
    assert java_format(fmt, args) == expected


@pytest.mark.parametrize("fmt,args,message", FORMAT_ERRORS)
def test_format_errors_like_java(fmt, args, message):
    with pytest.raises(JavaFormatError) as info:
        java_format(fmt, args)
    assert str(info.value) == message
