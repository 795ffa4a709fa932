# expect: syntax error
# message: argument for unary plus \(\+\) operation must be a long or double
# A constant operand that is not a number is refused while parsing.
object template err_unary_plus_constant;
'/a' = 'a' + +'b';
