"""The three error families of pan, and how they are shown.

``PanSyntaxError`` (parse time), ``EvaluationError`` (running templates) and
``ValidationError`` (types and binds) print panc's headings
(``syntax error [file:l.c-l.c]`` ...) so that scripts written against panc keep
working, followed by what panc lacks: the source line with a caret, the
configuration path involved and the pan call stack.  ``PanError.render`` is the
one place that formats an error for people; ``to_json`` serves CI tools.
"""

from __future__ import annotations

from .source import Span


class PanError(Exception):
    """Base of every error a user's input can cause."""

    heading = "error"

    def __init__(self, message: str, span: Span | None = None, *, path: str | None = None,
                 file: str | None = None):
        super().__init__(message)
        self.message = message
        self.span = span
        self.path = path          # configuration path involved, if any
        self.file = file          # used when there is no span (object file)
        self.stack: list[tuple[str, Span | None]] = []   # pan call stack, innermost first
        self.object: str | None = None

    def at(self, span: Span | None) -> "PanError":
        """Attach a location unless a more precise one is already known."""
        if self.span is None and span is not None:
            self.span = span
        return self

    def location(self) -> str:
        if self.span is not None:
            return self.span.location()
        return self.file or "?"

    def heading_line(self) -> str:
        return f"{self.heading} [{self.location()}]"

    def render(self, *, excerpt: bool = True) -> str:
        lines = [self.heading_line(), self.message]
        if excerpt and self.span is not None:
            shown = self.span.excerpt()
            if shown:
                lines.append(shown)
        if self.path:
            lines.append(f"configuration path: {self.path}")
        if self.stack:
            lines.append(">>> call stack trace")
            if self.span is not None:
                lines.append(f">>> [{self.span.location()}]")
            previous, repeats = None, 0
            for name, span in self.stack:
                where = span.location() if span is not None else "?"
                line = f">>> {name} [{where}]"
                if line == previous:
                    repeats += 1
                    continue
                if repeats:
                    lines.append(f">>> (previous line repeated {repeats} more times)")
                lines.append(line)
                previous, repeats = line, 0
            if repeats:
                lines.append(f">>> (previous line repeated {repeats} more times)")
            lines.append(">>> ====================")
        return "\n".join(lines)

    def to_json(self) -> dict:
        span = self.span
        return {
            "kind": self.heading,
            "message": self.message,
            "object": self.object,
            "file": span.file if span is not None else self.file,
            "line": span.line if span is not None else None,
            "column": span.col if span is not None else None,
            "end_line": span.end_line if span is not None else None,
            "end_column": span.end_col if span is not None else None,
            "path": self.path,
            "stack": [{"name": n, "location": s.location() if s else None} for n, s in self.stack],
        }

    def __str__(self) -> str:
        return self.render(excerpt=False)


class PanSyntaxError(PanError):
    heading = "syntax error"


class EvaluationError(PanError):
    heading = "evaluation error"


class OutsideIncludePath(EvaluationError):
    """A lookup refused: the file found lies outside the include path (a link)."""


class ValidationError(PanError):
    heading = "validation error"


class SystemError_(PanError):
    """Problems outside the language: unreadable files, bad options."""

    heading = "system error"


class RenderedError(PanError):
    """An error rendered in another process: its text and JSON travel instead."""

    def __init__(self, exc: PanError):
        super().__init__(exc.message, None, path=exc.path, file=exc.file)
        self.heading = exc.heading
        self.object = exc.object
        self._text = exc.render()
        self._json = exc.to_json()
        self._location = exc.location()
        self.members = getattr(exc, "members", None)     # objects of a reference cycle

    def location(self) -> str:
        return self._location

    def render(self, *, excerpt: bool = True) -> str:
        return self._text

    def to_json(self) -> dict:
        return dict(self._json)

    def __reduce__(self):
        # Exceptions pickle through their constructor arguments; ours is the
        # original error, which does not travel, so rebuild from the state.
        return (_rebuild_rendered, (self.__dict__.copy(),))


def _rebuild_rendered(state: dict) -> "RenderedError":
    err = RenderedError.__new__(RenderedError)
    Exception.__init__(err, state.get("message", ""))
    err.__dict__.update(state)
    return err


class ReturnSignal(Exception):
    """Raised by return() to leave the current function or DML block."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value
