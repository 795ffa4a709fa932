# expect: evaluation error
# message: file_exists\(\) requires a relative file name
object template lookup_file_exists_absolute;
variable F = '/etc/passwd';
'/x' = file_exists(F);
