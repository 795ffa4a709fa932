"""Telling people how a build goes: a progress bar on a terminal, lines elsewhere.

On a terminal the bar appears only once a build has taken more than half a
second and is redrawn in place; when output is a file or a CI log, a plain
line is printed at every tenth of the work for builds of 20 objects or more,
so logs stay short even for thousands of objects.
"""

from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, total: int, stream=None, enabled: bool = True):
        self.total = total
        self.stream = stream or sys.stderr
        self.enabled = enabled and total > 0
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        if not self.tty and total < 20:          # a few objects need no progress report
            self.enabled = False
        self.start = time.monotonic()
        self.done = 0
        self.failed = 0
        self._next_line = 0.1
        self._drawn = False

    def update(self, name: str, ok: bool) -> None:
        self.done += 1
        if not ok:
            self.failed += 1
        if not self.enabled:
            return
        if self.tty:
            if time.monotonic() - self.start >= 0.5 or self._drawn:
                self._draw(name)
        elif self.done / self.total >= self._next_line or self.done == self.total:
            while self._next_line <= self.done / self.total:
                self._next_line += 0.1
            print(f"[{self.done}/{self.total}] compiled, {self.failed} failed", file=self.stream, flush=True)

    def message(self, text: str) -> None:
        """A line of an object's output (debug(), deprecated()), above the bar when one is drawn."""
        if self.enabled and self.tty and self._drawn:
            self.stream.write("\r" + " " * 110 + "\r")
            self._drawn = False
        self.stream.write(text + "\n")
        self.stream.flush()

    def _draw(self, name: str) -> None:
        width = 30
        filled = min(width, int(width * self.done / self.total))
        bar = "#" * filled + "-" * (width - filled)
        text = f"\r[{bar}] {self.done}/{self.total} {self.failed} failed  {name[:40]:<40}"
        self.stream.write(text)
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        if self.enabled and self.tty and self._drawn:
            self.stream.write("\r" + " " * 110 + "\r")
            self.stream.flush()
