@{
    Xen hypervisor hv05: a rack-mounted PowerEdge R640 with mirrored disks;
    eth0 and eth1 are bonded (LACP) as bond0 on the prod network, eth2 is on
    the svc network. Its guests are listed under it in XEN_DB.
}
object template hv05.example.org;

include 'site/hypervisors/cluster_info';

variable FILESYSTEM_LAYOUT = 'site/filesystems/raid1';

'/hardware' = create('hardware/machine/dell/poweredge_r640');
'/hardware/serialnumber' = 'DL5R640HV05';
'/hardware/location' = 'room 1, rack B12';
'/hardware/cards/nic/eth0' = dict('hwaddr', 'b0:26:28:c5:05:00', 'boot', true);
'/hardware/cards/nic/eth1/hwaddr' = 'b0:26:28:c5:05:01';
'/hardware/cards/nic/eth2/hwaddr' = 'b0:26:28:c5:05:02';

'/system/network/interfaces/bond0' = merge(site_interface('10.10.0.15', '2001:db8:10::15'), dict(
    'type', 'Bond',
    'bonding_opts', dict('mode', 4, 'miimon', 100, 'lacp_rate', 1, 'xmit_hash_policy', 'layer3+4'),
));
'/system/network/interfaces/eth0' = dict('master', 'bond0', 'bootproto', 'none', 'onboot', true);
'/system/network/interfaces/eth1' = dict('master', 'bond0', 'bootproto', 'none', 'onboot', true);
'/system/network/interfaces/eth2' = site_interface('10.20.0.15', '2001:db8:20::15');

include 'machine-types/xen_host';
