@{ Xen guest vm11: dual stack IPv4 and IPv6 on prod. Its host is found in XEN_DB. }
object template vm11.example.org;

include 'site/guests/cluster_info';

'/hardware' = create('hardware/machine/xen/pv_small');
'/hardware/cards/nic/eth0/hwaddr' = '00:16:3e:00:11:00';

'/system/network/interfaces/eth0' = site_interface('10.10.0.111', '2001:db8:10::111');

include 'machine-types/xen_guest';
