# expect: json
# Unary plus checks its operand only when it folds a constant; at run time
# panc passes any value through unchanged (templates write "a" + +s).
object template unary_plus;
'/string' = { suffix = ' --flag'; '-x' + +suffix; };
'/list' = { l = list(1, 2); +l; };
'/long' = { n = 3; +n; };
'/folded' = +2.5;
