@{ Xen guest vm05: small guest on prod. Its host is found in XEN_DB. }
object template vm05.example.org;

include 'site/guests/cluster_info';

'/hardware' = create('hardware/machine/xen/pv_small');
'/hardware/cards/nic/eth0/hwaddr' = '00:16:3e:00:05:00';

'/system/network/interfaces/eth0' = site_interface('10.10.0.105');

include 'machine-types/xen_guest';
