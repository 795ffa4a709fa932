object template hv1.example.org;

variable CASE_IP = '10.10.0.11';
variable CASE_MAC = '52:54:00:00:01:00';
include 'case/xen_host';
