@{
    A Xen hypervisor of the site, once its profile has set /hardware and its
    interfaces: names and gateway (site/network), disk layout
    (FILESYSTEM_LAYOUT, default site/filesystems/simple), its enclosure slot
    when ENCLOSURE_DB lists it, and the Xen host configuration.
}
unique template machine-types/xen_host;

variable FILESYSTEM_LAYOUT ?= 'site/filesystems/simple';

include 'site/network';
include FILESYSTEM_LAYOUT;
include if (is_defined(enclosure_of(FULL_HOSTNAME))) 'enclosure/member';
include 'xen/host/config';
