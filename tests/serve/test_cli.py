"""The panc-serve command: start-up line, clear errors without tracebacks, graceful stop on signals."""

from __future__ import annotations

import os
import re
import signal
import socket
import struct
import subprocess
import sys

import pytest
from httpget import get

from pancompiler.serve.nginx import server_block

COMMAND = [sys.executable, "-m", "pancompiler.serve"]


def _run(args: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run(COMMAND + args, capture_output=True, text=True, timeout=30, check=False)


def test_missing_folder_is_one_clear_line(tmp_path) -> None:
    done = _run(["--root", str(tmp_path / "nowhere"), "--port", "0"])
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"panc-serve: profiles folder {tmp_path / 'nowhere'} does not exist (build the site first: panc-site)"]
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    done = _run(["--root", str(not_a_folder)])
    assert done.returncode == 2 and "is not a folder" in done.stderr and "Traceback" not in done.stderr


def test_port_in_use_is_one_clear_line(profiles_folder) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = _run(["--root", profiles_folder, "--port", str(port)])
    assert done.returncode == 1
    assert done.stderr.strip() == (f"panc-serve: cannot listen on 127.0.0.1:{port}: address already in use "
                                   "(another server runs there?)")


@pytest.mark.parametrize("args, message", [(["--port", "70000"], "port 70000 is out of range"),
                                           (["--bind", "192.0.2.77"], "no such address on this machine")])
def test_bad_listen_options(profiles_folder, args, message) -> None:
    done = _run(["--root", profiles_folder, *args] + ([] if "--port" in args else ["--port", "0"]))
    assert done.returncode in (1, 2) and message in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_serves_then_stops_gracefully_on_a_signal(profiles_folder, signum) -> None:
    proc = subprocess.Popen(COMMAND + ["--root", profiles_folder, "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = proc.stdout.readline()
        match = re.fullmatch(r"panc-serve: serving (\S+) at (http://127\.0\.0\.1:\d+)/\n", first)
        assert match and match.group(1) == os.path.abspath(profiles_folder)
        assert get(match.group(2), "/node1.example.org.json")[0] == 200
        proc.send_signal(signum)
        out, err = proc.communicate(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0
    assert out == "panc-serve: stopped\n"
    assert '"GET /node1.example.org.json HTTP/1.1" 200' in err and "Traceback" not in err


def test_nginx_config_option_prints_the_block_for_the_folder(profiles_folder) -> None:
    done = _run(["--root", profiles_folder, "--nginx-config"])
    assert done.returncode == 0 and done.stdout == server_block(profiles_folder)


def test_a_request_in_flight_is_finished_before_the_stop(tmp_path) -> None:
    big = os.urandom(1 << 20) * 24  # 24 MB: more than the socket buffers hold
    (tmp_path / "big.example.org.json").write_bytes(big)
    proc = subprocess.Popen(COMMAND + ["--root", str(tmp_path), "--port", "0", "--quiet"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        port = int(re.search(r":(\d+)/$", proc.stdout.readline().strip()).group(1))
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.sendall(b"GET /big.example.org.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            received = sock.recv(65536)  # the answer has started
            proc.send_signal(signal.SIGTERM)
            while chunk := sock.recv(1 << 20):
                received += chunk
        out, _ = proc.communicate(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    head, body = received.split(b"\r\n\r\n", 1)
    assert head.startswith(b"HTTP/1.1 200") and body == big
    assert proc.returncode == 0 and out.endswith("panc-serve: stopped\n")


def test_access_log_file(profiles_folder, tmp_path) -> None:
    done = _run(["--root", profiles_folder, "--port", "0", "--access-log", str(tmp_path / "no" / "log")])
    assert done.returncode == 2 and "cannot open the access log" in done.stderr and "Traceback" not in done.stderr
    log = tmp_path / "access.log"
    proc = subprocess.Popen(COMMAND + ["--root", profiles_folder, "--port", "0", "--access-log", str(log)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        base = re.search(r"(http://\S+)/$", proc.stdout.readline().strip()).group(1)
        get(base, "/node3.example.org.json")
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert err == ""
    assert re.fullmatch(r'127\.0\.0\.1 - - \[[^]]+\] "GET /node3\.example\.org\.json HTTP/1\.1" 200 \d+\n',
                        log.read_text())


def test_a_client_leaving_mid_answer_is_no_error(tmp_path) -> None:
    (tmp_path / "big.example.org.json").write_bytes(b"x" * (24 << 20))
    proc = subprocess.Popen(COMMAND + ["--root", str(tmp_path), "--port", "0", "--quiet"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        base = re.search(r"(http://\S+)/$", proc.stdout.readline().strip()).group(1)
        port = int(base.rsplit(":", 1)[1])
        for _ in range(3):
            with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                sock.sendall(b"GET /big.example.org.json HTTP/1.1\r\nHost: x\r\n\r\n")
                sock.recv(1000)  # then a reset: the server is writing into a closed connection
        assert get(base, "/big.example.org.json", method="HEAD")[0] == 200  # still serving
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0 and err == ""
