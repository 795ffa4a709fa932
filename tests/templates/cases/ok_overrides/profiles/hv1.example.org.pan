object template hv1.example.org;

variable CASE_IP = '10.10.0.11';
variable CASE_MAC = '52:54:00:00:01:00';
'/hardware/cards/nic/eth1/hwaddr' = '52:54:00:00:01:01';
include 'case/xen_host';
