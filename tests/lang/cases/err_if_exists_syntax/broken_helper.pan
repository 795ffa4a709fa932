template broken_helper;
'/a' = (1 + ;
