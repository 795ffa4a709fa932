@{ vm1 is a Xen guest that no host lists. }
unique template case/site;

variable XEN_DB = dict('hv1.example.org', list());
