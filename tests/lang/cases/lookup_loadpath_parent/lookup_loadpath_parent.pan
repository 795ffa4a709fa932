# panc accepts '..' in LOADPATH; we refuse it (it would lead out of the include path).
# expect: evaluation error
# message: LOADPATH entry '\.\.' leads outside the include path
object template lookup_loadpath_parent;
variable LOADPATH = list('..');
'/x' = file_contents('basic_values.pan');
