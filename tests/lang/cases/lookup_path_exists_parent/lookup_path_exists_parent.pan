# expect: evaluation error
# message: invalid authority \(x/\.\./\.\./basic_values\) in path
object template lookup_path_exists_parent;
'/x' = path_exists('x/../../basic_values:/a');
