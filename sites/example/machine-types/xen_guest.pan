@{
    A Xen guest of the site, once its profile has set /hardware and its
    interfaces: names and gateway (site/network), the guest disk layout and
    the Xen guest configuration (its host, from XEN_DB).
}
unique template machine-types/xen_guest;

include 'site/network';
include 'site/filesystems/xen_guest';
include 'xen/guest/config';
