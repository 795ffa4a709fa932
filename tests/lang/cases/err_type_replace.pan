# expect: evaluation error
# message: existing element of type long cannot be replaced by one of type string
object template err_type_replace;
'/a' = 1;
'/a' = 'one';
