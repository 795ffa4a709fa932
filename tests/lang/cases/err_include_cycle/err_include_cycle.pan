# expect: evaluation error
# message: cyclic include
object template err_include_cycle;
include "a";
