@{ Xen hypervisor hv04: a BL460c Gen10 blade in enc02; its guests are listed under it in XEN_DB. }
object template hv04.example.org;

include 'site/hypervisors/cluster_info';

'/hardware' = create('hardware/machine/hpe/bl460c_gen10');
'/hardware/serialnumber' = 'CZJ9040HV04';
'/hardware/cards/nic/eth0' = dict('hwaddr', '94:40:c9:a1:04:00', 'boot', true);
'/hardware/cards/nic/eth1/hwaddr' = '94:40:c9:a1:04:01';

'/system/network/interfaces/eth0' = site_interface('10.10.0.14', '2001:db8:10::14');
'/system/network/interfaces/eth1' = site_interface('10.20.0.14', '2001:db8:20::14');

include 'machine-types/xen_host';
