@{
    A minimal Xen hypervisor for the error cases: 8 cores, 64 GB, one disk,
    eth0 with CASE_MAC at CASE_IP on 10.10.0.0/24 (gateway 10.10.0.1).
    The case's own case/site template (XEN_DB and friends) comes first.
}
unique template case/xen_host;

include 'quattor/profile_base';
include 'case/site';

'/hardware/cpu' ?= list(dict('vendor', 'Intel', 'model', 'Xeon', 'cores', 8));
'/hardware/ram' ?= list(dict('size', 65536));
'/hardware/harddisks/sda' ?= dict('capacity', 500000);
'/hardware/cards/nic/eth0/hwaddr' ?= CASE_MAC;
'/system/network/hostname' = HOSTNAME;
'/system/network/domainname' = DOMAIN;
'/system/network/interfaces/eth0' ?= dict('ip', CASE_IP, 'netmask', '255.255.255.0', 'bootproto', 'static');
'/system/network/default_gateway' ?= '10.10.0.1';
'/system/filesystems' ?= list(dict('mountpoint', '/', 'block_device', 'partitions/sda1', 'type', 'ext4'));

include 'xen/host/config';
