# expect: evaluation error
# message: final
object template err_final;
final '/a/b' = 1;
'/a' = dict();
