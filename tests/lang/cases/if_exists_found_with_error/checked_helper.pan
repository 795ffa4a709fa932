template checked_helper;
'/b' = min(1, 2, 3);
