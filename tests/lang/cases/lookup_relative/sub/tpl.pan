template sub/tpl;
'/tpl' = true;
