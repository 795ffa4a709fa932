# expect: json
# foreach over children of different types (panc resets the loop variables).
object template foreach_mixed;
'/count' = { n = 0; foreach (k; v; dict('a', true, 'b', 'text', 'c', 3)) n = n + 1; n; };
'/keys' = { r = ''; foreach (k; v; dict('b', 1, 'a', 'x')) r = r + k; r; };
