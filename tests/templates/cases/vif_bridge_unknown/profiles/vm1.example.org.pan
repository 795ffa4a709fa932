object template vm1.example.org;

variable CASE_IP = 'dhcp';
variable CASE_MAC = '00:16:3e:00:00:01';
include 'case/xen_guest';
