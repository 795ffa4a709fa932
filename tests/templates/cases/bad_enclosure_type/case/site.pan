@{ An enclosure of a type the schema does not know. }
unique template case/site;

variable ENCLOSURE_DB = dict('enc1.example.org', list());
