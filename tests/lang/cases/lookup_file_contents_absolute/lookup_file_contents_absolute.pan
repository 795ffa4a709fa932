# expect: evaluation error
# message: file_contents\(\) requires a relative file name
object template lookup_file_contents_absolute;
variable F = '/etc/passwd';
'/x' = file_contents(F);
