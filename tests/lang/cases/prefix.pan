# expect: json
object template prefix;
prefix '/software/components/foo';
'active' ?= true;
'dispatch' = false;
'active' ?= false;
prefix 'sub';
'x' = 1;
prefix '';
'/top' = 'ok';
