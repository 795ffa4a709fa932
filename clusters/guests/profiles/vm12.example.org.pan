@{ Xen guest vm12: IPv6 only, on svc. Its host is found in XEN_DB. }
object template vm12.example.org;

include 'site/guests/cluster_info';

'/hardware' = create('hardware/machine/xen/pv_medium');
'/hardware/cards/nic/eth0/hwaddr' = '00:16:3e:00:12:00';

'/system/network/interfaces/eth0' = site_interface('2001:db8:20::112');

include 'machine-types/xen_guest';
