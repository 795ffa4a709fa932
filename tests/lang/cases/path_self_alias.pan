# expect: json
# panc stores a computed path value (and value()'s result) as a copy of its
# own: a local holding one of SELF's children is that child, so changing it
# changes SELF.  A constant stays shared: its children are copies.
object template path_self_alias;
'/computed' = { SELF['m'] = dict(); SELF['m']['x'] = dict('k', 1); SELF; };
'/computed/m/const' = dict('k', 2);
'/computed' = { foreach (name; entry; SELF['m']) { entry['seen'] = true; }; SELF; };
'/constant' = dict('m', dict('x', dict('k', 1)));
'/constant' = { foreach (name; entry; SELF['m']) { entry['seen'] = true; }; SELF; };
'/copied' = value('/computed');
'/copied' = { foreach (name; entry; SELF['m']) { entry['again'] = 1; }; SELF; };
variable FROM_VALUE = value('/constant');
variable FROM_VALUE = { foreach (name; entry; SELF['m']) { entry['v'] = 2; }; SELF; };
'/from_value' = FROM_VALUE;
'/list' = { SELF['l'] = list(dict('k', 1)); SELF; };
'/list' = { first = SELF['l'][0]; first['z'] = 1; SELF; };
