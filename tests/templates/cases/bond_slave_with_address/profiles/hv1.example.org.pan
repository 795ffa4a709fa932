object template hv1.example.org;

variable CASE_IP = '10.10.0.11';
variable CASE_MAC = '52:54:00:00:01:00';
'/hardware/cards/nic/eth1/hwaddr' = '52:54:00:00:01:01';
'/system/network/interfaces/bond0' = dict('type', 'Bond', 'ip', '10.10.0.11', 'netmask', '255.255.255.0');
'/system/network/interfaces/eth0' = dict('master', 'bond0');
'/system/network/interfaces/eth1' = dict('master', 'bond0', 'ip', '10.10.0.12', 'netmask', '255.255.255.0');
include 'case/xen_host';
