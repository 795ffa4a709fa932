@{ hv1 has 8 cores; its one guest has 40 vcpus, more than 8 x 4.0. }
unique template case/site;

variable XEN_DB = dict('hv1.example.org', list('vm1.example.org'));
