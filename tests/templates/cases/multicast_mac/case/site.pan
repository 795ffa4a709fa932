@{ vm1's NIC has a group (multicast) MAC address. }
unique template case/site;

variable XEN_DB = dict('hv1.example.org', list('vm1.example.org'));
