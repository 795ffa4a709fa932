object template vm1.example.org;

variable CASE_IP = '10.10.0.101';
variable CASE_MAC = '00:16:3e:00:00:01';
'/system/network/interfaces/eth0' = dict('bootproto', 'static', 'ip', '10.10.0.101', 'netmask', '255.255.255.0',
    'ipv6addr', '2001:db8:20::101/64');
include 'case/xen_guest';
