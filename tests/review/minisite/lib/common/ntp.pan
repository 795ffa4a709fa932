unique template common/ntp;

'/system/ntp/servers' = list('ntp1.example.org', 'ntp2.example.org');
