@{ Xen guest vm09: two NICs, svc first then prod. Its host is found in XEN_DB. }
object template vm09.example.org;

include 'site/guests/cluster_info';

'/hardware' = create('hardware/machine/xen/pv_medium');
'/hardware/cards/nic/eth0/hwaddr' = '00:16:3e:00:09:00';
'/hardware/cards/nic/eth1/hwaddr' = '00:16:3e:00:09:01';

'/system/network/interfaces/eth0' = site_interface('10.20.1.109');
'/system/network/interfaces/eth1' = site_interface('10.10.0.109');

include 'machine-types/xen_guest';
