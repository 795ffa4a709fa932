template libtpl;
'/lib' = 'yes';
