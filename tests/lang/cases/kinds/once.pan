unique template once;
variable ONCE = if (is_defined(ONCE)) ONCE + 1 else 1;
'/once' = ONCE;
