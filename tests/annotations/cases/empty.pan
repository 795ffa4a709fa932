object template empty;
'/x' = 1;
