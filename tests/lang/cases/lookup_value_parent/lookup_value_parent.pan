# expect: evaluation error
# message: invalid authority \(x/\.\./\.\./basic_values\) in path
object template lookup_value_parent;
'/x' = value('x/../../basic_values:/a');
