# expect: evaluation error
# at: 5.8
# message: variable named 'NOPE' is undefined
object template err_undefined_variable;
'/a' = NOPE + 1;
