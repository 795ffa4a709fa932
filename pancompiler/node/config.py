"""The agent's settings: a ccm.conf-compatible file, then command-line overrides.

The file has quattor CCM's syntax: one ``key value`` per line, ``#``
comments and blank lines ignored.  The keys ``panc-fetch`` uses are CCM's
(``profile``, ``profile_failover``, ``base_url``, ``cache_root``,
``get_timeout``, ``retrieve_retries``, ``retrieve_wait``, ``lock_retries``,
``lock_wait``, ``keep_old``, ``world_readable``, ``force``, ``ca_file``,
``ca_dir``, ``cert_file``, ``key_file``) plus three of ours (``host``,
``noquattor``, ``push_interval``).  CCM's other keys are accepted and have no
effect; an unknown key or a line that is not ``key value`` is warned about
and skipped, never fatal.  A bad value (``get_timeout abc``) is a
``ConfigError`` naming the file and line.  ``__HOST__`` and ``__DOMAIN__``
(or ``$host``, ``$domain``) in the profile URLs become the node's short host
name and its domain, lower case, as CCM substitutes them.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass, field, fields, replace

DEFAULT_CONFIG = "/etc/ccm.conf"


class ConfigError(ValueError):
    """A setting that cannot be used; the message names where it came from."""


@dataclass(frozen=True)
class Settings:
    profile: str | None = None
    profile_failover: str | None = None
    base_url: str | None = None
    cache_root: str = "/var/lib/ccm"
    get_timeout: float = 30
    retrieve_retries: int = 3
    retrieve_wait: float = 30
    lock_retries: int = 3
    lock_wait: float = 30
    keep_old: int = 2
    world_readable: bool = False
    force: bool = False
    ca_file: str | None = None
    ca_dir: str | None = None
    cert_file: str | None = None
    key_file: str | None = None
    host: str | None = None            # ours: the node's FQDN (default: this machine's)
    noquattor: str = "/etc/noquattor"  # ours: the marker file that blocks runs
    push_interval: float = 30          # ours: panc-listen fetches at most once per this many seconds
    warnings: tuple[str, ...] = field(default=(), compare=False)

    @property
    def fqdn(self) -> str:
        return (self.host or socket.getfqdn()).strip().lower().rstrip(".")

    def profile_urls(self, host: str | None = None) -> list[str]:
        """The profile URL, then the failover URLs, for this node or for ``host``."""
        fqdn = (host or self.fqdn).lower()
        if not self.profile:
            raise ConfigError("no profile URL: set 'profile' in the configuration file or give --profile")
        urls = [self._absolute(self.profile)]
        if self.profile_failover and host is None:
            urls += [self._absolute(u.strip()) for u in self.profile_failover.split(",") if u.strip()]
        return [substitute(u, fqdn) for u in urls]

    def _absolute(self, url: str) -> str:
        if "://" in url:
            return url
        base = (self.base_url or "").rstrip("/")
        if not base:
            raise ConfigError(f"profile {url!r} is not a URL and no base_url is set")
        return f"{base}/profile_{url}.xml"


TYPES = {f.name: f.type for f in fields(Settings) if f.name != "warnings"}
CCM_ONLY_KEYS = frozenset({"dbformat", "debug", "group_readable", "json_typed", "keytab", "name_template",
                           "principal", "purge_time", "tabcompletion", "trust"})


def substitute(url: str, fqdn: str) -> str:
    """``__HOST__`` (or CCM's ``$host``) and ``__DOMAIN__`` (``$domain``) filled in from ``fqdn``."""
    short, _, domain = fqdn.partition(".")
    for pattern, value in (("__HOST__", short), ("$host", short), ("__DOMAIN__", domain), ("$domain", domain)):
        url = url.replace(pattern, value)
    return url


def read_config(path: str | None) -> Settings:
    """Settings from ``path`` (CCM's default file if None and it exists, else the defaults)."""
    if path is None:
        if not os.path.exists(DEFAULT_CONFIG):
            return Settings()
        path = DEFAULT_CONFIG
    try:
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the configuration file ({exc})") from None
    values: dict[str, object] = {}
    warnings: list[str] = []
    for number, line in enumerate(lines, 1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        key, value = (text.split(None, 1) + [""])[:2]
        value = value.strip()
        where = f"{path}:{number}"
        if not value:
            warnings.append(f"{where}: line {text!r} is not 'key value', ignored")
        elif key in CCM_ONLY_KEYS:
            continue
        elif key not in TYPES:
            warnings.append(f"{where}: unknown key {key!r} ignored")
        else:
            values[key] = convert(key, value, where)
    return Settings(**values, warnings=tuple(warnings))  # type: ignore[arg-type]


def override(settings: Settings, **options: object) -> Settings:
    """``settings`` with the options given on the command line (None = not given)."""
    given = {k: convert(k, v, f"--{k.replace('_', '-')}") if isinstance(v, str) else v
             for k, v in options.items() if v is not None}
    return replace(settings, **given)


def convert(key: str, value: str, where: str) -> object:
    kind = TYPES[key]
    try:
        if kind == "int":
            number = int(value)
        elif kind == "float":
            number = float(value)
        elif kind == "bool":
            if value.lower() in ("1", "yes", "true", "on"):
                return True
            if value.lower() in ("0", "no", "false", "off"):
                return False
            raise ValueError
        else:
            return value
    except ValueError:
        raise ConfigError(f"{where}: {key} {value!r} is not {_describe(kind)}") from None
    if number < 0:
        raise ConfigError(f"{where}: {key} {value!r} must not be negative")
    return number


def _describe(kind: str) -> str:
    return {"int": "a whole number", "float": "a number", "bool": "0 or 1"}[kind]
