# expect: evaluation error
# message: invalid template name \(x/\.\./\.\./basic_values\)
object template lookup_create_parent;
'/x' = create('x/../../basic_values');
