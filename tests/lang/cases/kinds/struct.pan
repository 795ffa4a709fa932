structure template struct;
'name' = 'from structure';
'values/0' = 1;
