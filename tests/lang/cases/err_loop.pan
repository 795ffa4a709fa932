# expect: evaluation error
# message: loop iteration count \(1,000\) has been exceeded
object template err_loop;
'/a' = { i = 0; while (true) { i = i + 1; }; };
