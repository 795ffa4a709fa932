"""pancompiler: a compiler for quattor's Pan configuration language.

It reads pan templates and writes one profile per object template in panc's
formats (pan XML, JSON, text, dot, dep and their gzip variants), byte for byte
what quattor's Java compiler writes.  The package is laid out by phase:
``syntax`` (lexer, grammar, AST), ``runtime`` (values, paths, evaluator, types),
``builtins``, ``output`` (formatters), ``build`` (loading templates and
compiling objects) and ``cli`` (the ``panc`` command).
"""

__version__ = "0.1.0"
