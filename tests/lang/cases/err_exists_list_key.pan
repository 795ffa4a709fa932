# expect: evaluation error
# message: cannot dereference element of type 'list' with term 'name'; error at '/servers/name'
# Reading a path (exists, value, path_exists) with a key on a list, or an
# index on a dict, is an error in panc, not a missing path.
object template err_exists_list_key;
'/servers' = list('a', 'b');
'/missing_index' = exists('/servers/5');
'/on_property' = exists('/missing_index/x');
'/has_name' = exists('/servers/name');
