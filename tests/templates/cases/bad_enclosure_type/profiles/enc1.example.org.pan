object template enc1.example.org;

include 'quattor/profile_base';

'/system/enclosure' = dict('type', 'rack', 'maxchildren', 4);
