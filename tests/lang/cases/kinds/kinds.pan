# expect: json
# unique and declaration templates run once per object; ordinary ones each time.
object template kinds;
include 'counter';
include 'once';
include 'once';
include 'counter';
include 'decl';
'/double' = double_it(21);
'/made' = create('struct', 'extra', 'yes');
