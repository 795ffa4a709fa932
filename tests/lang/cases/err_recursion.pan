# expect: evaluation error
# message: call depth limit \(50\) exceeded
object template err_recursion;
function forever = forever();
'/a' = forever();
