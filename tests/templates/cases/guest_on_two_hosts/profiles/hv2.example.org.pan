object template hv2.example.org;

variable CASE_IP = '10.10.0.12';
variable CASE_MAC = '52:54:00:00:02:00';
include 'case/xen_host';
