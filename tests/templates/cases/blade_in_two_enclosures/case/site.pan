@{ blade1 is listed in two enclosures. }
unique template case/site;

variable ENCLOSURE_DB = dict(
    'enc1.example.org', list('blade1.example.org'),
    'enc2.example.org', list('', 'blade1.example.org'),
);
