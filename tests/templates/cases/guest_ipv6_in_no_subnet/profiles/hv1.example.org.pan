object template hv1.example.org;

variable CASE_IP = '10.10.0.11';
variable CASE_MAC = '52:54:00:00:01:00';
'/system/network/interfaces/eth0' = dict('bootproto', 'static', 'ip', '10.10.0.11', 'netmask', '255.255.255.0',
    'ipv6addr', '2001:db8:10::11/64');
include 'case/xen_host';
