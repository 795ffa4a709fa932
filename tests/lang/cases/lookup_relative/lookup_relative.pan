# Relative names inside the include path keep working, LOADPATH included.
# expect: json
object template lookup_relative;
'/text' = file_contents('sub/data.txt');
'/absent' = file_exists('sub/none.txt');
'/present' = file_exists('sub/data.txt');
'/maybe' = is_defined(if_exists('sub/missing'));
'/found' = if_exists('sub/tpl');
'/exists' = exists('sub/tpl');
include 'sub/tpl';
variable LOADPATH = list('lib');
include 'libtpl';
'/libtext' = file_contents('libdata.txt');
'/made' = create('sub/struct');
