"""The pan linter: panlint's rules and the checks only a parser can make (see ``lint.runner``)."""
