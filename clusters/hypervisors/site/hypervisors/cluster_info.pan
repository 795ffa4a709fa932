@{
    Settings of the hypervisors cluster, included first by its profiles:
    dom0 memory, and ncm-xen creating missing guest volumes and starting
    missing domains; then the site's settings.
}
unique template site/hypervisors/cluster_info;

'/system/cluster/name' = 'hypervisors';

variable XEN_DOM0_MEM ?= '4G';
variable XEN_CREATE_FILESYSTEMS ?= true;
variable XEN_CREATE_DOMAINS ?= true;

include 'site/config';
