# expect: json
# if_exists() counts a template as found when it parses but fails a later
# check (here a builtin's argument count): the object still compiles, as in
# panc.
object template if_exists_found_with_error;
'/found' = is_defined(if_exists('checked_helper'));
'/missing' = is_defined(if_exists('no/such/helper'));
