"""panc-listen (CDP push, rate-limited) and panc-query (JSON and pan-style text)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time

from node_support import HOST

from pancompiler.driver.index import write_index
from pancompiler.node import query
from pancompiler.node.listen import Listener
from pancompiler.serve import cdp, notify


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def udp_pair():
    receiver = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    receiver.bind(("127.0.0.1", 0))
    sender = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    return receiver, sender, receiver.getsockname()


def test_listener_rate_limits_and_merges_notifications():
    receiver, sender, address = udp_pair()
    clock, runs, logs = FakeClock(), [], []
    listener = Listener(receiver, lambda: runs.append(clock.now), interval=30, log=logs.append, clock=clock)
    sender.sendto(cdp.encode(1_700_000_000), address)
    listener.serve(until=lambda: len(runs) >= 1)
    assert runs == [1000.0]
    for _ in range(5):                                   # a burst within the interval
        sender.sendto(cdp.encode(1_700_000_001), address)
    sender.sendto(b"hello", address)                     # not CDP: logged, ignored
    deadline = time.monotonic() + 5
    listener.serve(until=lambda: listener.pending and len(logs) >= 2 or time.monotonic() > deadline)
    assert runs == [1000.0] and listener.pending
    assert any("ignored a datagram" in line and "not a CDP datagram" in line for line in logs)
    clock.now += 30                                       # the interval has passed: one run for the burst
    listener.serve(until=lambda: len(runs) >= 2)
    assert runs == [1000.0, 1030.0] and not listener.pending
    receiver.close()
    sender.close()


def test_listener_ignores_notifications_older_than_the_cache():
    receiver, sender, address = udp_pair()
    runs, logs = [], []
    listener = Listener(receiver, lambda: runs.append(1), interval=0, newest=lambda: 1_700_000_000.0,
                        log=logs.append)
    sender.sendto(cdp.encode(1_600_000_000), address)
    sender.sendto(cdp.encode(1_700_000_000), address)
    listener.serve(until=lambda: len(runs) >= 1)
    assert runs == [1] and "older than the cached profile" in logs[0]


def test_panc_listen_fetches_on_push(web, agent, site_profiles, tmp_path):
    server = web()
    node = agent(server.url + "/__HOST__.__DOMAIN__.json")
    proc = subprocess.Popen([sys.executable, "-m", "pancompiler.node.listen", "--cfgfile", str(node.conf),
                             "--bind", "127.0.0.1", "--port", "0", "--interval", "0"],
                            stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stderr.readline()
        assert line.startswith("panc-listen: listening on UDP 127.0.0.1:"), line
        port = int(line.rsplit(":", 1)[1])
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.sendto(cdp.encode(int(time.time())), ("127.0.0.1", port))
        line = proc.stderr.readline()
        assert line.strip() == f"panc-listen: panc-fetch: updated: {HOST} profile.1 from {server.url}/{HOST}.json"
        # a build changes hv01's profile; panc-notify tells the nodes whose profile changed
        before = tmp_path / "before.json"
        shutil.copy(site_profiles / "profiles.json", before)
        source = site_profiles / f"{HOST}.json"
        tree = json.loads(source.read_text())
        tree["system"]["pushed"] = True
        source.write_text(json.dumps(tree))
        os.utime(source, (time.time() + 2, time.time() + 2))
        write_index(str(site_profiles))
        assert notify.main(["--root", str(site_profiles), "--since", str(before), "--state",
                            str(tmp_path / "state.json"), "--port", str(port),
                            "--resolve", f"{HOST}=127.0.0.1"]) == 0
        line = proc.stderr.readline()
        assert line.strip() == f"panc-listen: panc-fetch: updated: {HOST} profile.2 from {server.url}/{HOST}.json"
        assert json.loads(node.current())["system"]["pushed"] is True
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0


def test_query_json_and_pan(web, agent, capsys):
    node = agent(web().url + f"/{HOST}.json")
    assert node.run(capsys=capsys)[0] == 0
    assert query.main(["--cache-root", str(node.cache), "/software/components/grub/kernels/0"]) == 0
    kernel = json.loads(capsys.readouterr().out)
    assert kernel["multiboot"] == "/xen-4.17.gz"
    assert query.main(["--cache-root", str(node.cache), "--format", "pan", "/system/virtualisation"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        '"/system/virtualisation/dom0_mem" = 4096; # long',
        '"/system/virtualisation/type" = "xen"; # string',
        '"/system/virtualisation/vcpu_overcommit" = 4.0; # double']
    assert query.main(["--cache-root", str(node.cache), "--format", "pan",
                       "/software/components/xen/domains/vm01.example.org/auto"]) == 0
    assert capsys.readouterr().out == '"/software/components/xen/domains/vm01.example.org/auto" = true; # boolean\n'
    assert query.main(["--cache-root", str(node.cache), "/system/nothing/here"]) == 1
    assert capsys.readouterr().err.strip() == "panc-query: /system/nothing/here: not in the profile " \
                                              "(/system/nothing does not exist)"
    assert query.main(["--cache-root", str(node.dir / "none"), "/"]) == 3
