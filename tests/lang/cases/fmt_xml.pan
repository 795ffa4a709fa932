# expect: xml
# pan XML: every type, empty resources, a string needing base64, escapes.
object template fmt_xml;
'/s' = 'a < b & "c"';
'/l' = list(1, 2.5, true, 'x');
'/e/list' = list();
'/e/dict' = dict();
'/ctrl' = "bell\x07";
'/{a b}' = 1;
