# expect: evaluation error
# message: invalid template name \(sub/\.secret\)
object template lookup_file_contents_hidden;
'/x' = file_contents('sub/.secret');
