# expect: evaluation error
# message: invalid template name \(\.\./basic_values\.pan\)
object template lookup_file_exists_parent;
'/x' = file_exists('../basic_values.pan');
