@{
    Schema of ncm-xen's configuration, /software/components/xen: the Xen
    domains of a hypervisor (xl/xm options, virtual disks and their LVM
    backing, autostart) and its network bridges. Field names follow ncm-xen
    so that its profiles and QWG templates carry over; 'type' (pv, pvh,
    hvm) is added for xl.
}
declaration template components/xen/schema;

include 'quattor/types/component';
include 'pan/types';

@documentation{
    One virtual disk. lvm: logical volume hostvol in volume group hostdevice;
    file: an image file at path; phy: the host device hostdevice.
}
type xen_vdisk = {
    "type" : choice('lvm', 'file', 'phy')
    "hostdevice" ? string
    "hostvol" ? string with match(SELF, '^[a-zA-Z0-9+_.][a-zA-Z0-9+_.-]*$')
    "path" ? type_absolute_path
    "guestdevice" : string with match(SELF, '^((xv|s|h|v)d[a-z]+)$')
    "rw" : choice('w', 'r')
    @{ desc = size in MB, used when the volume or file is created }
    "size" ? long(1..)
    "create" ? boolean
    "access_method" ? string
} with {
    if (SELF['type'] == 'lvm' && (!exists(SELF['hostdevice']) || !exists(SELF['hostvol']))) {
        error(format("lvm disk %s needs hostdevice (volume group) and hostvol", SELF['guestdevice']));
    };
    if (SELF['type'] == 'file' && !exists(SELF['path'])) {
        error(format("file disk %s needs a path", SELF['guestdevice']));
    };
    if (SELF['type'] == 'phy' && !exists(SELF['hostdevice'])) {
        error(format("phy disk %s needs a hostdevice", SELF['guestdevice']));
    };
    if (exists(SELF['create']) && SELF['create'] && !exists(SELF['size'])) {
        error(format("disk %s is to be created but has no size", SELF['guestdevice']));
    };
    true;
};

@documentation{
    desc = true for an xl vifspec: comma-separated key=value pairs, a mac being a valid MAC
    arg = the vif string
}
function is_xen_vif = {
    foreach (i; pair; split(',', ARGV[0])) {
        kv = matches(pair, '^\s*([a-z_]+)=(.+?)\s*$');
        if (length(kv) != 3) error(format("vif '%s': '%s' is not key=value", ARGV[0], pair));
        if (kv[1] == 'mac' && !is_hwaddr(kv[2])) error(format("vif '%s': '%s' is not a MAC address", ARGV[0], kv[2]));
    };
    true;
};

type xen_domain_options = {
    "name" : string
    "type" ? choice('pv', 'pvh', 'hvm')
    @{ desc = memory in MB }
    "memory" : long(1..)
    "maxmem" ? long(1..)
    "vcpus" ? long(1..)
    "cpus" ? string
    "vif" ? string[] with { foreach (i; v; SELF) is_xen_vif(v); true; }
    "disk" ? xen_vdisk[]
    "bootloader" ? string
    "bootargs" ? string
    "kernel" ? string
    "ramdisk" ? string
    "extra" ? string
    "root" ? string
    "builder" ? string
    "vfb" ? string[]
    "on_poweroff" ? choice('destroy', 'restart', 'preserve', 'rename-restart', 'coredump-destroy', 'coredump-restart')
    "on_reboot" ? choice('destroy', 'restart', 'preserve', 'rename-restart', 'coredump-destroy', 'coredump-restart')
    "on_crash" ? choice('destroy', 'restart', 'preserve', 'rename-restart', 'coredump-destroy', 'coredump-restart')
} with {
    if (exists(SELF['bootloader']) && exists(SELF['kernel'])) {
        error(format("domain %s: give a bootloader or a kernel, not both", SELF['name']));
    };
    if (exists(SELF['disk'])) {
        seen = dict();
        foreach (i; d; SELF['disk']) {
            if (exists(seen[d['guestdevice']])) {
                error(format("domain %s: guest device %s is used twice", SELF['name'], d['guestdevice']));
            };
            seen[d['guestdevice']] = true;
        };
    };
    true;
};

type xen_domain = {
    "options" : xen_domain_options
    "install_options" ? xen_domain_options
    @{ desc = start the domain with the host (/etc/xen/auto) }
    "auto" ? boolean
};

type xen_bridge = {
    "netdev" ? string
    "vifnum" ? long(0..)
};

type xen_vlan = {
    "netdev" : string
    "vlan" : long(1..4094)
};

type xen_network = {
    "removeqemunetworklibvirtautostart" ? boolean
    "bridges" ? xen_bridge{}
    "vlans" ? xen_vlan{}
};

type xen_guest_map = {
    "guest_mac" : type_hwaddr
    "hypervisor_name" : string
};

type component_xen_type = {
    include structure_component
    "create_filesystems" ? boolean
    "create_domains" ? boolean
    "domains" ? xen_domain{} with {
        foreach (name; domain; SELF) {
            if (domain['options']['name'] != name) {
                error(format("domain %s has options/name %s", name, domain['options']['name']));
            };
        };
        true;
    }
    "guest_map" ? xen_guest_map{}
    "network" ? xen_network
};

bind '/software/components/xen' = component_xen_type;
