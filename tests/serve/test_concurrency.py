"""Many clients at once, and a build replacing profiles while clients fetch them."""

from __future__ import annotations

import gzip
import hashlib
import os
import threading
import time

from httpget import get

NAME = "node1.example.org.json"


def _versions(count: int = 4, size: int = 300_000) -> list[bytes]:
    """Distinct profile bodies of distinct sizes: any mix of two of them matches none."""
    bodies = []
    for v in range(count):
        pad = (f"version {v} " * (size // 10))[: size + 1000 * v]
        bodies.append(f'{{"version": {v}, "pad": "{pad}"}}\n'.encode())
    return bodies


def _replace_in_a_loop(folder: str, bodies: list[bytes], stop: threading.Event, counter: list[int]) -> None:
    """What the compiler does: write a temporary file beside the profile, rename it over."""
    i = 0
    while not stop.is_set():
        tmp = os.path.join(folder, f".{NAME}.tmp")
        with open(tmp, "wb") as fh:
            fh.write(bodies[i % len(bodies)])
        os.replace(tmp, os.path.join(folder, NAME))
        i += 1
        counter[0] = i


def test_clients_get_the_old_or_the_new_profile_never_a_mix(tmp_path, our_server) -> None:
    folder = str(tmp_path)
    bodies = _versions()
    valid = {hashlib.sha256(b).hexdigest() for b in bodies}
    with open(os.path.join(folder, NAME), "wb") as fh:
        fh.write(bodies[0])
    base = our_server(folder)
    stop, replaced = threading.Event(), [0]
    seen: list[str] = []
    problems: list[str] = []

    def client(zipped: bool) -> None:
        while not stop.is_set():
            status, headers, body = get(base, f"/{NAME}", {"Accept-Encoding": "gzip"} if zipped else {})
            if status != 200:
                problems.append(f"status {status}")
                continue
            if zipped:
                body = gzip.decompress(body)
            elif headers["etag"].strip('"').split("-")[2] != f"{len(body):x}":
                problems.append("ETag does not describe the body sent")
            digest = hashlib.sha256(body).hexdigest()
            seen.append(digest)
            if digest not in valid:
                problems.append(f"a body matching no version ({len(body)} bytes)")

    writer = threading.Thread(target=_replace_in_a_loop, args=(folder, bodies, stop, replaced))
    clients = [threading.Thread(target=client, args=(n % 2 == 1,)) for n in range(6)]
    writer.start()
    for c in clients:
        c.start()
    time.sleep(2.0)
    stop.set()
    for t in [writer, *clients]:
        t.join(10)
    assert problems == []
    assert replaced[0] > 10 and len(seen) > 10
    assert len(set(seen)) > 1  # the clients did see the profile change under them


def test_200_concurrent_conditional_fetches_all_answered(profiles_folder, our_server) -> None:
    base = our_server(profiles_folder)
    _, headers, _ = get(base, f"/{NAME}")
    etag, modified = headers["etag"], headers["last-modified"]
    start = threading.Barrier(200)
    statuses: list[int | str] = []

    def fetch(n: int) -> None:
        start.wait()
        conditional = {"If-None-Match": etag} if n % 2 else {"If-Modified-Since": modified}
        try:
            statuses.append(get(base, f"/{NAME}", conditional)[0])
        except OSError as exc:
            statuses.append(f"{type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=fetch, args=(n,)) for n in range(200)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert statuses == [304] * 200
