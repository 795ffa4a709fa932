# expect: evaluation error
# message: exists\(\) requires a valid external path, absolute path, or template name
object template lookup_exists_parent;
'/x' = exists('x/../../basic_values');
