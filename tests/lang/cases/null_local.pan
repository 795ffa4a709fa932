# expect: json
# A local assigned null keeps the null (panc stores it): reading it gives
# null, a dict() or merge-like builtin drops the key, exists() is true,
# is_defined() false, and the local can then take a value of any type.
object template null_local;
variable DEFAULT_OPTS = null;
'/copied' = { opts = DEFAULT_OPTS; if (is_null(opts)) 'null kept' else 'lost'; };
'/dict_drops_null' = { x = null; dict('k', x, 'j', 1); };
'/exists' = { x = null; exists(x); };
'/defined' = { x = 1; x = null; is_defined(x); };
'/passed_on' = { x = null; y = x; is_null(y); };
'/retyped' = { x = 'a'; x = null; x = list(1); x; };
'/append_to_null' = { x = null; append(x, 1); };
