"""Push: which nodes changed, and the CDP datagrams panc-notify and panc --notify send (loopback)."""

from __future__ import annotations

import json
import os
import socket

import pytest

from pancompiler import cli
from pancompiler.serve import cdp, notify


def _entry(file: str, sha: str, mtime_ms: int = 1_700_000_000_123) -> dict:
    return {"file": file, "mtime": mtime_ms, "sha256": sha, "size": 1}


def _index(*entries: dict) -> dict[str, dict]:
    return {e["file"]: e for e in entries}


@pytest.fixture
def listener():
    """A UDP socket on loopback standing in for the nodes' cdp listener."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    sock.settimeout(5)
    yield sock
    sock.close()


def _received(sock: socket.socket, count: int) -> list[cdp.Notification]:
    got = [cdp.decode(sock.recvfrom(2048)[0]) for _ in range(count)]
    sock.settimeout(0.2)
    with pytest.raises(TimeoutError):  # and nothing more
        sock.recvfrom(2048)
    sock.settimeout(5)
    return got


def test_node_names_from_profile_files() -> None:
    assert notify.node_of("n1.example.org.json") == "n1.example.org"
    assert notify.node_of("grp/N1.example.org.xml.gz") == "n1.example.org"
    assert notify.node_of("n1.json", "example.org") == "n1.example.org"
    assert notify.node_of("n1.dep") is None and notify.node_of(".json") is None


def test_changed_nodes_are_the_new_and_the_different() -> None:
    before = _index(_entry("a.json", "1"), _entry("a.json.gz", "1z"), _entry("b.json", "2"),
                    _entry("gone.json", "3"))
    after = _index(_entry("a.json", "1"), _entry("a.json.gz", "1z"), _entry("b.json", "2b", 1_700_000_500_999),
                   _entry("new.xml", "4", 1_600_000_000_000))
    assert notify.changed_nodes(before, after) == {"b": 1_700_000_500, "new": 1_600_000_000}
    assert notify.changed_nodes({}, after, "site.org").keys() == {"a.site.org", "b.site.org", "new.site.org"}


def test_send_on_loopback(listener) -> None:
    port = listener.getsockname()[1]
    outcomes = notify.send({"n1": 1_700_000_001, "n2": 1_700_000_002}, port, resolver=lambda node: "127.0.0.1")
    assert [(o.node, o.error) for o in outcomes] == [("n1", None), ("n2", None)]
    assert sorted(n.time for n in _received(listener, 2)) == [1_700_000_001, 1_700_000_002]


def test_an_unresolvable_node_is_reported_and_the_others_told(listener) -> None:
    port = listener.getsockname()[1]

    def resolver(node: str) -> str:
        if node == "bad":
            raise OSError("Name or service not known")
        return "127.0.0.1"

    outcomes = notify.send({"bad": 1, "good": 2}, port, resolver=resolver)
    assert outcomes[0].node == "bad" and "cannot resolve" in outcomes[0].error
    assert outcomes[1].error is None
    assert _received(listener, 1) == [cdp.Notification("ccm", 2)]


def _write_index(folder, *entries: dict) -> None:
    (folder / "profiles.json").write_text(json.dumps({"profiles": list(entries)}))


def test_panc_notify_tells_each_change_once(tmp_path, listener, capsys) -> None:
    port = str(listener.getsockname()[1])
    args = ["--root", str(tmp_path), "--port", port, "--resolve", "n1.example.org=127.0.0.1",
            "--resolve", "n2.example.org=127.0.0.1"]
    _write_index(tmp_path, _entry("n1.example.org.json", "a"), _entry("n2.example.org.json", "b"))
    assert notify.main(args) == 0
    assert len(_received(listener, 2)) == 2
    assert notify.main(args) == 0  # nothing changed since
    assert "no profile changed" in capsys.readouterr().out
    _received(listener, 0)
    _write_index(tmp_path, _entry("n1.example.org.json", "a"), _entry("n2.example.org.json", "b2", 5_000))
    assert notify.main(args) == 0
    assert _received(listener, 1) == [cdp.Notification("ccm", 5)]
    assert "notified n2.example.org (127.0.0.1) of its profile of 5" in capsys.readouterr().out
    assert notify.main(args + ["--all", "--dry-run"]) == 0
    assert capsys.readouterr().out.count("would notify") == 2
    _received(listener, 0)


def test_panc_notify_keeps_a_node_it_could_not_reach_pending(tmp_path, listener, capsys, monkeypatch) -> None:
    port = str(listener.getsockname()[1])
    _write_index(tmp_path, _entry("n1.example.org.json", "a"), _entry("unknown.invalid.json", "b"))
    args = ["--root", str(tmp_path), "--port", port, "--resolve", "n1.example.org=127.0.0.1"]
    monkeypatch.setattr(notify, "resolve_address", lambda node: (_ for _ in ()).throw(OSError("no DNS")))
    assert notify.main(args) == 1
    assert "panc-notify: unknown.invalid: cannot resolve: no DNS" in capsys.readouterr().err
    assert len(_received(listener, 1)) == 1
    monkeypatch.setattr(notify, "resolve_address", lambda node: "127.0.0.1")
    assert notify.main(args) == 0  # the pending one, and only it
    assert capsys.readouterr().out.splitlines() == [
        "panc-notify: notified unknown.invalid (127.0.0.1) of its profile of 1700000000"]
    assert len(_received(listener, 1)) == 1


@pytest.mark.parametrize("content, message", [(None, "no such file"), ("{", "cannot read the profile index"),
                                              ('{"x": 1}', "not a profile index")])
def test_panc_notify_bad_index_is_one_line(tmp_path, capsys, content, message) -> None:
    if content is not None:
        (tmp_path / "profiles.json").write_text(content)
    assert notify.main(["--root", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1


def test_panc_notify_after_a_build(tmp_path, listener, monkeypatch) -> None:
    """panc --profiles-index --notify: the first build tells its nodes, a rebuild without change none."""
    monkeypatch.setattr(notify, "resolve_address", lambda node: "127.0.0.1")
    out = tmp_path / "out"
    out.mkdir()
    template = tmp_path / "node1.example.org.pan"
    port = str(listener.getsockname()[1])
    args = ["--output-dir", str(out), "--formats", "json", "--profiles-index", "--no-progress",
            "--include-path", str(tmp_path), "--notify", "--notify-port", port, str(template)]
    template.write_text('object template node1.example.org;\n"/system/a" = 1;\n')
    assert cli.main(args) == 0
    assert [n.kind for n in _received(listener, 1)] == ["ccm"]
    assert cli.main(args) == 0
    _received(listener, 0)
    template.write_text('object template node1.example.org;\n"/system/a" = 2;\n')
    assert cli.main(args) == 0
    mtime = os.stat(out / "node1.example.org.json").st_mtime
    assert _received(listener, 1) == [cdp.Notification("ccm", int(mtime))]


def test_panc_site_notify_tells_exactly_the_nodes_whose_profile_changed(tmp_path, listener, monkeypatch,
                                                                        capsys, example_site_copy) -> None:
    """The example site: a first build tells every node, an edited guest only the changed profiles."""
    monkeypatch.setattr(notify, "resolve_address", lambda node: "127.0.0.1")
    example_site_copy(tmp_path)
    index = tmp_path / "build" / "profiles" / "profiles.json"
    args = ["--site", str(tmp_path), "--no-progress", "--notify", "--notify-port", str(listener.getsockname()[1])]
    assert cli.main(args) == 0
    first = notify.read_index(str(index))
    nodes = {f.removesuffix(".json") for f in first if f.endswith(".json")}
    assert len(nodes) == 20 and len(_received(listener, 20)) == 20

    capsys.readouterr()
    guest = tmp_path / "clusters" / "guests" / "profiles" / "vm05.example.org.pan"
    guest.write_text(guest.read_text().replace("00:16:3e:00:05:00", "00:16:3e:00:05:99"))
    assert cli.main(args) == 0
    second = notify.read_index(str(index))
    changed = {f.removesuffix(".json") for f in second if second[f]["sha256"] != first[f]["sha256"]}
    assert "vm05.example.org" in changed and changed < nodes
    told = _received(listener, len(changed))
    lines = capsys.readouterr().out.splitlines()
    assert {line.split()[2] for line in lines if line.startswith("panc-notify: notified ")} == changed
    assert sorted(n.time for n in told) == sorted(second[f"{node}.json"]["mtime"] // 1000 for node in changed)
