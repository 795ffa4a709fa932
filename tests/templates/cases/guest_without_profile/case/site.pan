@{ hv1 lists ghost, which has no profile. }
unique template case/site;

variable XEN_DB = dict('hv1.example.org', list('vm1.example.org', 'ghost.example.org'));
