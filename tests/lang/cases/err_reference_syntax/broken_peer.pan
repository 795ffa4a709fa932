object template broken_peer;
'/a' = digest('no-such-algorithm', 'x');
