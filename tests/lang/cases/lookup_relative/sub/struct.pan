structure template sub/struct;
'a' = 1;
