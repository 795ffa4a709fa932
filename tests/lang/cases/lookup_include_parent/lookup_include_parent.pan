# Passes panc's identifier rule, refused by the lookup.
# expect: evaluation error
# message: invalid template name \(x/\.\./\.\./basic_values\)
# at: 6.1
object template lookup_include_parent;
include 'x/../../basic_values';
