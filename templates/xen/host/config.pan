@{
    Makes a profile a Xen hypervisor. Owns /software/components/xen (through
    xen/auto_network and xen/configure_guests), the hypervisor's
    /system/enclosure (type hypervisor, its guests from XEN_DB as children)
    and /system/virtualisation, checked against the host's cores and RAM;
    the boot entry comes last from xen/grub. Include it after the host's
    hardware, network and filesystems are set.
}
unique template xen/host/config;

include 'quattor/profile_base';
include 'xen/variables';

variable XEN_GUESTS ?= xen_host_guests(FULL_HOSTNAME);

include 'components/xen/config';

prefix '/software/components/xen';
'create_filesystems' = XEN_CREATE_FILESYSTEMS;
'create_domains' = XEN_CREATE_DOMAINS;

include 'xen/auto_network';
include 'xen/configure_guests';

'/system/enclosure' = {
    enclosure = dict('type', 'hypervisor', 'maxchildren', XEN_MAX_GUESTS);
    if (length(XEN_GUESTS) > 0) enclosure['children'] = XEN_GUESTS;
    enclosure;
};

'/system/virtualisation' = dict(
    'type', 'xen',
    'dom0_mem', to_megabytes(XEN_DOM0_MEM),
    'vcpu_overcommit', to_double(XEN_VCPU_OVERCOMMIT),
);

valid '/system/virtualisation' = xen_host_capacity_ok(SELF);

include 'xen/grub';
