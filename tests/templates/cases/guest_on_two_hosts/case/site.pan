@{ vm1 is listed under both hosts. }
unique template case/site;

variable XEN_DB = dict(
    'hv1.example.org', list('vm1.example.org'),
    'hv2.example.org', list('vm1.example.org'),
);
