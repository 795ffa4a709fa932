# expect: validation error
# message: value \(70,000\) is outside range
object template err_range;
type port = long(0..65535);
bind '/port' = port;
'/port' = 70000;
