@{ vm1's IPv6 address is on no IPv6 network of hv1. }
unique template case/site;

variable XEN_DB = dict('hv1.example.org', list('vm1.example.org'));
