# expect: syntax error
# message: value cannot be null for prepend\(\)
# panc checks builtin arguments after folding them: an if/else with a
# constant test that yields null is an explicit null argument.
object template err_folded_null_argument;
'/l' = prepend(list(), if (true) null else 1);
