# expect: evaluation error
# message: invalid identifier for include: \.\./basic_values
object template lookup_include_computed;
variable N = '../basic_values';
include N;
