# A constant absolute name is refused when the template is compiled, as panc does.
# expect: syntax error
# message: file_contents\(\) requires a relative file name
object template lookup_file_contents_literal;
'/x' = file_contents('/etc/passwd');
