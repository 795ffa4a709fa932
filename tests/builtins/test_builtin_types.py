"""The is_* tests, with a bare variable looked up without failing."""

from types import SimpleNamespace

import pytest

from builtin_helpers import BUILTINS, lit, syntax_error, var
from pancompiler.errors import EvaluationError
from pancompiler.runtime.values import NULL, UNDEF, PanDict, PanList


def fake_call(node, value=None, lookup=None):
    """A call node as the runtime compiler prepares it for a raw builtin."""
    def evaluate(ev):
        if isinstance(value, Exception):
            raise value
        return value

    compiler = SimpleNamespace(lookup_fn=lambda n: (lambda ev: lookup))
    return SimpleNamespace(args=[node], compiled_args=[evaluate], compiler=compiler, cache=None)


def is_(name, value):
    return BUILTINS[name].fn(None, fake_call(lit(value), value))


TABLE = {
    "is_boolean": [True], "is_long": [1], "is_double": [1.0], "is_string": ["s"],
    "is_number": [1, 1.0], "is_property": [True, 1, 1.0, "s"], "is_list": [PanList()],
    "is_dict": [PanDict()], "is_nlist": [PanDict()], "is_resource": [PanList(), PanDict()],
    "is_null": [NULL], "is_defined": [True, 1, 1.0, "s", PanList(), PanDict()],
}
VALUES = [True, 1, 1.0, "s", PanList(), PanDict(), NULL, UNDEF]


@pytest.mark.parametrize("name", sorted(TABLE))
def test_type_tests(name):
    for value in VALUES:
        expected = any(value is v or (type(value) is type(v) and value == v) for v in TABLE[name])
        assert is_(name, value) is expected, (name, value)


def test_bare_variable_is_looked_up_without_failing():
    missing = fake_call(var("X"), lookup=None)
    assert BUILTINS["is_defined"].fn(None, missing) is False
    assert BUILTINS["is_string"].fn(None, missing) is False
    present = fake_call(var("X"), lookup="text")
    assert BUILTINS["is_defined"].fn(None, present) is True
    assert BUILTINS["is_string"].fn(None, present) is True
    undefined = fake_call(var("X"), lookup=UNDEF)
    assert BUILTINS["is_defined"].fn(None, undefined) is False


def test_other_expressions_report_their_errors():
    call = fake_call(lit(None), EvaluationError("variable named 'X' is undefined"))
    with pytest.raises(EvaluationError):
        BUILTINS["is_defined"].fn(None, call)


def test_the_lookup_is_built_once_per_call_node():
    call = fake_call(var("X"), lookup=1)
    BUILTINS["is_long"].fn(None, call)
    cached = call.cache["is_arg"]
    BUILTINS["is_long"].fn(None, call)
    assert call.cache["is_arg"] is cached


def test_arity_is_checked_while_parsing():
    assert syntax_error("is_string") == "is_string() requires exactly one argument"
    # panc names the alias by its canonical name
    assert syntax_error("is_nlist", lit(1), lit(2)) == "is_dict() requires exactly one argument"
