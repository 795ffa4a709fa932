# expect: validation error
# message: element at /a/b is undefined
object template err_undef_left;
'/a/b' = undef;
