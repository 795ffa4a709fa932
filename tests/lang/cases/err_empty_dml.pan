# expect: syntax error
# message: illegal empty DML statement
object template err_empty_dml;
'/a' = ;
