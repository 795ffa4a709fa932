"""The address, name and size functions of the pan library, on sample inputs.

``functions/functions.pan`` evaluates each function into ``/r/<name>``; the
expected values are here.
"""

from __future__ import annotations

from pathlib import Path

from pansite import TEMPLATES, compile_pan

HERE = Path(__file__).parent / "functions"

EXPECTED = {
    "ip4_long": [169083141, 4294967295, 167772168],
    "ip4_bad": [False, False, False, False],
    "prefix_length": [23, 32, 0],
    "netmask_ok": [True, False, False],
    "ip4_network": ["10.20.0.0", "10.20.1.255"],
    "ip4_in_subnet": [True, False],
    "ip6_groups": [[0x2001, 0xdb8, 0, 0, 0, 0, 0, 1], [0] * 8, [0, 0, 0, 0, 0, 0xffff, 0x0a01, 0x0203],
                   [1, 2, 3, 4, 5, 6, 7, 0]],
    "ip6_bad": [False, False, False, False, False],
    "ip6_in_subnet": [True, False, True, False],
    "ip6_network": [True, False, True],
    "mac": [True, False, False, True, False],
    "names": [True, False, True, False, False, False],
    "megabytes": [4096, 512, 1024, 1048576],
    # longest prefix wins: 10.20.1.9 is in xenbr1's /23 and xenbr2's /24
    "lookup": ["xenbr0", "xenbr1", "xenbr2", "xenbr0", "xenbr1", "xenbr0", ["eth0"], False],
    "hardware": [5, 3072, 0],
}


def test_functions(tmp_path):
    compiled = compile_pan([HERE, TEMPLATES], [HERE / "functions.pan"], tmp_path)
    assert compiled.status == 0, compiled.output
    assert compiled.profiles["functions"]["r"] == EXPECTED
