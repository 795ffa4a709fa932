# expect: text
# text format.
object template fmt_text;
'/s' = 'a < b & "c"';
'/l' = list(1, 2.5, true, 'x');
'/e/list' = list();
'/e/dict' = dict();
'/ctrl' = "bell\x07";
'/{a b}' = 1;
