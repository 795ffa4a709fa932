# expect: evaluation error
# message: invalid template name: x/\.\./\.\./basic_values
object template lookup_if_exists_parent;
'/x' = if_exists('x/../../basic_values');
