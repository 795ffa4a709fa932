# expect: evaluation error
# message: cannot add child to element of type null
# A local holding null is not an empty container (panc refuses the child).
object template err_null_local_child;
'/a' = { x = null; x['k'] = 1; x; };
