declaration template decl;
function double_it = ARGV[0] * 2;
type small = long(0..100);
