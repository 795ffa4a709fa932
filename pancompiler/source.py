"""Source files and spans: where a piece of pan text came from.

A ``Span`` is a file plus 1-based begin and end line/column, the unit panc
prints as ``[file:line.col-line.col]``.  ``SourceFile`` keeps the text so an
error can show the offending line with a caret under it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True, eq=False)
class SourceFile:
    """A template file: its absolute path and (lazily split) text."""

    path: str
    text: str = field(repr=False, default="")
    _lines: list[str] | None = field(default=None, repr=False)

    def line(self, n: int) -> str:
        if self._lines is None:
            self._lines = self.text.splitlines()
        if 1 <= n <= len(self._lines):
            return self._lines[n - 1]
        return ""


@dataclass(slots=True, unsafe_hash=True)
class Span:
    """A range of source text: ``file:line.col-end_line.end_col``."""

    source: SourceFile | None
    line: int
    col: int
    end_line: int
    end_col: int

    @property
    def file(self) -> str:
        return self.source.path if self.source is not None else "?"

    def location(self) -> str:
        return f"{self.file}:{self.line}.{self.col}-{self.end_line}.{self.end_col}"

    def to(self, other: "Span | None") -> "Span":
        """The span from the start of this one to the end of ``other``."""
        if other is None:
            return self
        return Span(self.source, self.line, self.col, other.end_line, other.end_col)

    def excerpt(self) -> str:
        """The first source line of the span with a caret line under it."""
        if self.source is None:
            return ""
        text = self.source.line(self.line)
        if not text:
            return ""
        width = (self.end_col - self.col + 1) if self.end_line == self.line else len(text) - self.col + 1
        width = max(1, width)
        prefix = "".join(c if c == "\t" else " " for c in text[: self.col - 1])
        return f"    {text}\n    {prefix}{'^' * width}"
