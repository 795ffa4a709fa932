# expect: syntax error
# message: invalid identifier \(\.\./basic_values\)
object template lookup_include_literal;
include '../basic_values';
