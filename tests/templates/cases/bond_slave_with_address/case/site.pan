@{ hv1's bond slave also has an address. }
unique template case/site;

variable XEN_DB = dict('hv1.example.org', list());
