# expect: json
# Every property type, nested resources, escapes and heredocs.
object template basic_values;
'/long' = 42;
'/hex' = 0x1F;
'/octal' = 017;
'/negative' = -7;
'/double' = 2.5;
'/big_double' = 1.0e10;
'/bool' = true;
'/single' = 'it''s';
'/double_quoted' = "tab\there\nnewline \x41";
'/heredoc' = <<EOT;
line one
  line two
EOT
'/empty_list' = list();
'/empty_dict' = dict();
'/nested/a/b' = 1;
'/nested/list/2' = 'third';
'/nested/list/0' = 'first';
'/nested/list/1' = 'second';
'/escaped/{a/b}' = 'escaped key';
