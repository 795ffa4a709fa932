@{ vm1's IPv4 and IPv6 addresses are on different networks of hv1. }
unique template case/site;

variable XEN_DB = dict('hv1.example.org', list('vm1.example.org'));
