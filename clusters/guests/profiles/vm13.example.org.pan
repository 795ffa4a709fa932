@{ Xen guest vm13: installed over the network with pypxeboot (XEN_BOOTLOADER). Its host is found in XEN_DB. }
object template vm13.example.org;

include 'site/guests/cluster_info';

'/hardware' = create('hardware/machine/xen/pv_small');
'/hardware/cards/nic/eth0/hwaddr' = '00:16:3e:00:13:00';

'/system/network/interfaces/eth0' = site_interface('10.10.0.113');

include 'machine-types/xen_guest';
