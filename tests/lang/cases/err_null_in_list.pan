# expect: validation error
# message: element at /decoded/1 is undefined
# A null left in the tree (here from json_decode) is reported as undefined by
# panc's validation, like undef.
object template err_null_in_list;
'/decoded' = json_decode('["a", null]');
