@{ enc1 lists a blade that has no profile. }
unique template case/site;

variable ENCLOSURE_DB = dict('enc1.example.org', list('blade1.example.org', 'nosuch.example.org'));
