# expect: json
# Arithmetic follows Java: integer division truncates, % keeps the dividend's sign.
object template operators;
'/div' = -7 / 2;
'/mod' = -7 % 2;
'/mixed' = 1 + 0.5;
'/concat' = 'a' + 'b';
'/cmp' = 'abc' < 'abd';
'/eq_num' = 1 == 1.0;
'/bits' = (12 & 10) | (1 ^ 3);
'/not' = !false;
'/short_circuit' = { zero = 0; false && (1 / zero == 1); };
'/overflow' = 9223372036854775807 + 1;
