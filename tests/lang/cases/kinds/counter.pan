template counter;
variable COUNT = if (is_defined(COUNT)) COUNT + 1 else 1;
'/count' = COUNT;
