@{ Xen guest vm02: medium guest on svc (upper half of its /23). Its host is found in XEN_DB. }
object template vm02.example.org;

include 'site/guests/cluster_info';

'/hardware' = create('hardware/machine/xen/pv_medium');
'/hardware/cards/nic/eth0/hwaddr' = '00:16:3e:00:02:00';

'/system/network/interfaces/eth0' = site_interface('10.20.1.102');

include 'machine-types/xen_guest';
