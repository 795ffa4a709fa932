# expect: evaluation error
# message: syntax error \[.*broken_peer\.pan
# A syntax error in an object read through an external reference is reported
# by panc as an evaluation error of the statement that read it.
object template err_reference_syntax;
'/peer' = value('broken_peer:/a');
