# expect: syntax error
# message: broken_helper
# if_exists() compiles the template it finds: panc fails the object when that
# template does not parse (an evaluation error there would only count as found).
object template err_if_exists_syntax;
'/found' = is_defined(if_exists('broken_helper'));
