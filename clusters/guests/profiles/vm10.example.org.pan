@{ Xen guest vm10: DHCP guest: its vif goes on the bridge of its host's default gateway. Its host is found in XEN_DB. }
object template vm10.example.org;

include 'site/guests/cluster_info';

'/hardware' = create('hardware/machine/xen/pv_small');
'/hardware/cards/nic/eth0/hwaddr' = '00:16:3e:00:10:00';

'/system/network/interfaces/eth0' = site_interface('dhcp');

include 'machine-types/xen_guest';
