# expect: syntax error
# message: second argument for logical-and \(&&\) operation must be a boolean value
# A constant operand of && / || that is not a boolean is refused while parsing.
object template err_constant_logical_fold;
variable FLAG = true;
'/r' = FLAG && 'a';
