@{
    A minimal Xen guest for the error cases: 1 vCPU, 2 GB, disk xvda, eth0
    with CASE_MAC at CASE_IP (or dhcp). The case's own case/site template
    (XEN_DB and friends) comes first.
}
unique template case/xen_guest;

include 'quattor/profile_base';
include 'case/site';

'/hardware/cpu' ?= list(dict('vendor', 'Xen', 'model', 'vCPU'));
'/hardware/ram' ?= list(dict('size', 2048));
'/hardware/harddisks/xvda' ?= dict('capacity', 20480);
'/hardware/cards/nic/eth0/hwaddr' ?= CASE_MAC;
'/system/network/hostname' = HOSTNAME;
'/system/network/domainname' = DOMAIN;
'/system/network/interfaces/eth0' ?= if (CASE_IP == 'dhcp') dict('bootproto', 'dhcp')
    else dict('ip', CASE_IP, 'netmask', '255.255.255.0', 'bootproto', 'static');

include 'xen/guest/config';
