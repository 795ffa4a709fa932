# expect: syntax error
# at: 5.11
# message: unexpected
object template err_syntax;
'/a' = 1 +;
