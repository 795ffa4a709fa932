@{ Xen guest vm08: small guest on prod. Its host is found in XEN_DB. }
object template vm08.example.org;

include 'site/guests/cluster_info';

'/hardware' = create('hardware/machine/xen/pv_small');
'/hardware/cards/nic/eth0/hwaddr' = '00:16:3e:00:08:00';

'/system/network/interfaces/eth0' = site_interface('10.10.0.108');

include 'machine-types/xen_guest';
