@{ Xen guest vm07: large guest with a data disk (xvdb) on svc. Its host is found in XEN_DB. }
object template vm07.example.org;

include 'site/guests/cluster_info';

'/hardware' = create('hardware/machine/xen/pv_large');
'/hardware/cards/nic/eth0/hwaddr' = '00:16:3e:00:07:00';

'/system/network/interfaces/eth0' = site_interface('10.20.1.107');

include 'machine-types/xen_guest';
