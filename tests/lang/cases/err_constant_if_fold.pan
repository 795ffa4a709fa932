# expect: syntax error
# message: mismatched or invalid arguments for not-equal \(!=\) operation
# The if/else is folded to its constant branch, so the comparison is folded
# too and its type error is reported while parsing.
object template err_constant_if_fold;
'/a' = 1;
'/r' = (if (false) 1 else 2) != 'x';
