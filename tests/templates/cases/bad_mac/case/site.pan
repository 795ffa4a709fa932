@{ vm1's NIC has a malformed MAC address. }
unique template case/site;

variable XEN_DB = dict('hv1.example.org', list('vm1.example.org'));
