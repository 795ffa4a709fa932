# A name leading out of the include path is refused before anything is read.
# expect: evaluation error
# message: invalid template name \(\.\./basic_values\.pan\)
# at: 6.8
object template lookup_file_contents_parent;
'/x' = file_contents('../basic_values.pan');
