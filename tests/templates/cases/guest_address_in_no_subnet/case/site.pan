@{ vm1's address is on no network of hv1. }
unique template case/site;

variable XEN_DB = dict('hv1.example.org', list('vm1.example.org'));
