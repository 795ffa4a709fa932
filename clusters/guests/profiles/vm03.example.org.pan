@{ Xen guest vm03: large guest with a data disk (xvdb) on prod. Its host is found in XEN_DB. }
object template vm03.example.org;

include 'site/guests/cluster_info';

'/hardware' = create('hardware/machine/xen/pv_large');
'/hardware/cards/nic/eth0/hwaddr' = '00:16:3e:00:03:00';

'/system/network/interfaces/eth0' = site_interface('10.10.0.103');

include 'machine-types/xen_guest';
