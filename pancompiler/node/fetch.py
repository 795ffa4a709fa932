"""``panc-fetch``: download this node's profile into the cache, in the manner of ccm-fetch.

One run: refuse if the marker file (``/etc/noquattor``) exists, unless
``--force-quattor``; take the cache's lock; GET the profile (conditionally,
from the current profile's Last-Modified and ETag, unless forced), trying
``retrieve_retries`` times ``retrieve_wait`` seconds apart, then each
failover URL; verify what came (parses as JSON or pan XML, describes this
node, has the sha256 the server's ``profiles.json`` lists when it lists
one); store it as a new ``profile.<CID>`` and make it current (``cache.py``);
purge old profiles.  Anything wrong leaves the current profile as it was.
``--foreign HOST`` fetches HOST's profile into ``<cache_root>/foreign/HOST``
(no failover, nothing older kept).  The run ends with one line
``panc-fetch: <status>: ...`` and an exit status (``EXIT``, docs/node.md).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

from .cache import Cache, Cached, CacheError
from .config import ConfigError, Settings, override, read_config
from .download import TLS, DownloadError, Response, get
from .lock import LockBusy, RunLock
from .profile import ProfileError, format_of, owner, parse

EXIT = {"updated": 0, "unchanged": 0, "rejected": 1, "download-failed": 2, "disabled": 3,
        "locked": 4, "cache-error": 5, "config-error": 6}
HOST_NAME = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")
INDEX = "profiles.json"


@dataclass(frozen=True)
class Outcome:
    status: str
    message: str
    cid: int | None = None

    @property
    def exit_code(self) -> int:
        return EXIT[self.status]

    def line(self) -> str:
        return f"panc-fetch: {self.status}: {self.message}"


class Rejected(Exception):
    """A downloaded profile failed verification."""


Log = Callable[[str], None]


def warn_to_stderr(text: str) -> None:
    print(f"panc-fetch: warning: {text}", file=sys.stderr, flush=True)


def fetch(settings: Settings, foreign: str | None = None, force_quattor: bool = False,
          warn: Log = warn_to_stderr) -> Outcome:
    for text in settings.warnings:
        warn(text)
    if not force_quattor and os.path.exists(settings.noquattor):
        return Outcome("disabled", f"{settings.noquattor} exists{_reason(settings.noquattor)}; "
                                   "no fetch (use --force-quattor to fetch anyway)")
    host = foreign.lower() if foreign else settings.fqdn
    if not HOST_NAME.fullmatch(host):
        return Outcome("config-error", f"{host!r} is not a host name")
    try:
        urls = settings.profile_urls(foreign)
    except ConfigError as exc:
        return Outcome("config-error", str(exc))
    root = os.path.join(settings.cache_root, "foreign", host) if foreign else settings.cache_root
    cache = Cache(root, settings.world_readable)
    try:
        cache.create()
        with RunLock(root).acquire(settings.lock_retries, settings.lock_wait):
            cache.recover()
            return _fetch_locked(settings, cache, host, urls, 0 if foreign else settings.keep_old, warn)
    except LockBusy as exc:
        return Outcome("locked", f"{exc}; try again later")
    except CacheError as exc:
        return Outcome("cache-error", f"{exc}; the current profile is unchanged")
    except OSError as exc:
        return Outcome("cache-error", f"{root}: {exc.strerror or exc}; the current profile is unchanged")


def _fetch_locked(settings: Settings, cache: Cache, host: str, urls: list[str], keep_old: int,
                  warn: Log) -> Outcome:
    previous = cache.current()
    tls = TLS(settings.ca_file, settings.ca_dir, settings.cert_file, settings.key_file)
    tries = max(1, settings.retrieve_retries)
    last: tuple[str, str] = ("download-failed", "no URL tried")
    for index, url in enumerate(urls):
        conditional = previous is not None and previous.url == url and not settings.force
        since = _number(previous.meta.get("last_modified")) if conditional else None
        etag = _text(previous.meta.get("etag")) if conditional else None
        for attempt in range(1, tries + 1):
            try:
                response = get(url, settings.get_timeout, since, etag, tls)
                if response.not_modified:
                    return Outcome("unchanged", f"{host} profile.{previous.cid} ({url}: not modified)",
                                   previous.cid)
                fmt = _verify(response, host, settings, tls)
            except DownloadError as exc:
                last = ("download-failed", f"{url}: {exc}")
            except Rejected as exc:
                last = ("rejected", f"{url}: {exc}")
            else:
                return _store(cache, response, fmt, host, previous, keep_old)
            if attempt < tries or index < len(urls) - 1:
                warn(f"{last[1]} (try {attempt} of {tries})")
                if attempt < tries:
                    time.sleep(settings.retrieve_wait)
    kept = f"profile.{previous.cid} stays current" if previous else "no profile in the cache yet"
    return Outcome(last[0], f"{last[1]}; {kept}")


def _verify(response: Response, host: str, settings: Settings, tls: TLS) -> str:
    fmt = format_of(response.url, response.text)
    try:
        tree = parse(response.text, fmt)
    except ProfileError as exc:
        raise Rejected(str(exc)) from None
    described = owner(tree)
    if described != host:
        what = f"the profile of {described}" if described else "a profile naming no host (/system/network)"
        raise Rejected(f"got {what}, not of {host}")
    expected = _published_sha256(response.url, settings, tls)
    actual = hashlib.sha256(response.raw).hexdigest()
    if expected is not None and expected != actual and expected != hashlib.sha256(response.wire).hexdigest():
        raise Rejected(f"sha256 {actual[:16]}... differs from {expected[:16]}... listed in {INDEX}")
    return fmt


def _published_sha256(url: str, settings: Settings, tls: TLS) -> str | None:
    """The sha256 ``profiles.json`` next to the profile lists for it, or None if it lists none."""
    base, _, name = url.split("?", 1)[0].rpartition("/")
    try:
        index = get(f"{base}/{INDEX}", settings.get_timeout, tls=tls)
    except DownloadError as exc:
        if str(exc).startswith(("HTTP 404", "HTTP 410")):
            return None
        raise DownloadError(f"{INDEX}: {exc}") from None
    try:
        entries = json.loads(index.text.decode("utf-8"))["profiles"]
        listed = {e["file"]: e["sha256"] for e in entries if isinstance(e, dict) and "sha256" in e}
    except (ValueError, KeyError, TypeError):
        raise Rejected(f"the server's {INDEX} is not a profile index") from None
    return listed.get(name)


def _store(cache: Cache, response: Response, fmt: str, host: str, previous: Cached | None,
           keep_old: int) -> Outcome:
    sha = hashlib.sha256(response.text).hexdigest()
    if previous is not None and previous.meta.get("sha256") == sha and previous.url == response.url:
        return Outcome("unchanged", f"{host} profile.{previous.cid} ({response.url}: same bytes)", previous.cid)
    meta = {"url": response.url, "host": host, "sha256": sha, "etag": response.etag,
            "last_modified": response.last_modified, "fetched": time.time()}
    cid = cache.store(response.text, response.url, fmt, meta, response.last_modified)
    cache.purge(keep_old)
    return Outcome("updated", f"{host} profile.{cid} from {response.url}", cid)


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _reason(marker: str) -> str:
    try:
        with open(marker, encoding="utf-8", errors="replace") as fh:
            first = fh.readline().strip()
    except OSError:
        return ""
    return f" ({first})" if first else ""


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="panc-fetch", description="Fetch this node's profile into the local "
                                "cache (ccm-fetch compatible configuration).")
    p.add_argument("--cfgfile", help="configuration file (default /etc/ccm.conf when it exists)")
    p.add_argument("--profile", "-p", help="URL of the profile (__HOST__, __DOMAIN__ substituted)")
    p.add_argument("--profile-failover", "--profile_failover", dest="profile_failover",
                   help="comma-separated failover URLs")
    p.add_argument("--cache-root", "--cache_root", dest="cache_root", help="the cache folder (/var/lib/ccm)")
    for name in ("get_timeout", "retrieve_retries", "retrieve_wait", "lock_retries", "lock_wait", "keep_old",
                 "world_readable"):
        p.add_argument("--" + name.replace("_", "-"), "--" + name, dest=name, metavar="N")
    p.add_argument("--force", "-f", action="store_true", default=None, help="fetch even if not modified")
    p.add_argument("--force-quattor", action="store_true", help="fetch even if the noquattor marker exists")
    p.add_argument("--noquattor", metavar="FILE", help="the marker file that blocks runs (/etc/noquattor)")
    p.add_argument("--foreign", metavar="HOST", help="fetch HOST's profile into <cache_root>/foreign/HOST")
    p.add_argument("--host", metavar="FQDN", help="this node's name (default: the machine's FQDN)")
    return p


def main(argv: list[str] | None = None) -> int:
    try:
        args = parser().parse_args(argv)
    except SystemExit as exc:
        return EXIT["config-error"] if exc.code else 0
    try:
        settings = read_config(args.cfgfile)
        settings = override(settings, **{k: getattr(args, k) for k in (
            "profile", "profile_failover", "cache_root", "get_timeout", "retrieve_retries", "retrieve_wait",
            "lock_retries", "lock_wait", "keep_old", "world_readable", "force", "noquattor", "host")})
    except ConfigError as exc:
        outcome = Outcome("config-error", str(exc))
    else:
        outcome = fetch(settings, args.foreign, args.force_quattor)
    print(outcome.line(), file=sys.stdout if outcome.exit_code == 0 else sys.stderr, flush=True)
    return outcome.exit_code


if __name__ == "__main__":
    sys.exit(main())
