@{ Xen hypervisor hv03: a BL460c Gen10 blade in enc02, system on LVM; its guests are listed under it in XEN_DB. }
object template hv03.example.org;

include 'site/hypervisors/cluster_info';

variable FILESYSTEM_LAYOUT = 'site/filesystems/lvm';

'/hardware' = create('hardware/machine/hpe/bl460c_gen10');
'/hardware/serialnumber' = 'CZJ9030HV03';
'/hardware/cards/nic/eth0' = dict('hwaddr', '94:40:c9:a1:03:00', 'boot', true);
'/hardware/cards/nic/eth1/hwaddr' = '94:40:c9:a1:03:01';

'/system/network/interfaces/eth0' = site_interface('10.10.0.13', '2001:db8:10::13');
'/system/network/interfaces/eth1' = site_interface('10.20.0.13', '2001:db8:20::13');

include 'machine-types/xen_host';
