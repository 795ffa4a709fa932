# expect: json
# panc decides if/else with a constant test, and && / || whose first operand
# already decides, while parsing; the untaken side is never checked.
object template constant_branches;
variable FLAG = true;
'/then' = if (true) 'yes' else 'no';
'/else' = if (false) 1 else 2;
'/short_or' = true || 1;
'/short_and' = false && 'x';
'/both' = true && false;
'/runtime' = FLAG || false;
