# expect: json
# A constant conditional assignment to a final path that already has a value
# assigns nothing, so panc does not complain about the final flag.
object template final_conditional;
final '/port' = 22;
'/port' ?= 80;
final '/name' = 'web';
'/name' ?= 'other';
