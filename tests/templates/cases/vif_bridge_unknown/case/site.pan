@{ The site puts vm1's NIC on a bridge hv1 does not have. }
unique template case/site;

variable XEN_DB = dict('hv1.example.org', list('vm1.example.org'));
variable XEN_VIF_BRIDGE = dict('vm1.example.org', dict('eth0', 'xenbr7'));
