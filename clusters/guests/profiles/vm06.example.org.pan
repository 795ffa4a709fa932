@{ Xen guest vm06: small guest on svc. Its host is found in XEN_DB. }
object template vm06.example.org;

include 'site/guests/cluster_info';

'/hardware' = create('hardware/machine/xen/pv_small');
'/hardware/cards/nic/eth0/hwaddr' = '00:16:3e:00:06:00';

'/system/network/interfaces/eth0' = site_interface('10.20.0.106');

include 'machine-types/xen_guest';
