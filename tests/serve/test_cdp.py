"""The CDP datagram: quattor's ``ccm\\0<seconds>`` layout, and what decode refuses."""

from __future__ import annotations

import pytest

from pancompiler.serve import cdp


def test_encode_is_quattors_layout() -> None:
    assert cdp.encode(1700000000) == b"ccm\x001700000000"
    assert cdp.encode(1700000000.9, "cdb") == b"cdb\x001700000000"


def test_decode_round_trip_and_cdp_listend_leniency() -> None:
    assert cdp.decode(cdp.encode(42)) == cdp.Notification("ccm", 42)
    assert cdp.decode(b"ccm 1700000000\n") == cdp.Notification("ccm", 1700000000)


@pytest.mark.parametrize("data", [b"", b"ccm", b"ccm\x00", b"xyz\x0012", b"ccm\x00-1", b"ccm\x0012abc",
                                  b"ccm112", b"ccm\x00" + b"1" * 2000])
def test_decode_refuses_what_is_not_a_notification(data: bytes) -> None:
    with pytest.raises(cdp.CdpError):
        cdp.decode(data)


def test_encode_refuses_unknown_types() -> None:
    with pytest.raises(cdp.CdpError):
        cdp.encode(1, "fetch")
