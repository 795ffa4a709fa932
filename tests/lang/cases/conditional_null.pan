# expect: json
# A conditional assignment of constant null does nothing in panc: no parent
# is created and nothing is deleted.  An unconditional one deletes and leaves
# the parents it created.
object template conditional_null;
'/absent/child' ?= null;
'/folded/child' ?= { null; };
'/deleted/child' = null;
'/kept' = 1;
'/kept' ?= null;
'/deep/a/b' ?= null;
