@{
    Makes a profile a Xen guest: /hardware/location becomes its hypervisor,
    found by scanning XEN_DB (an error if no host or two hosts list it);
    QWG's XEN_GUESTS_MACHINE_DB may override its NICs, disks and RAM; and
    its clock is set up by xen/independent_wallclock or
    xen/dependent_wallclock after XEN_INDEPENDENT_WALLCLOCK. Include it
    after the guest's hardware.
}
unique template xen/guest/config;

include 'quattor/profile_base';
include 'xen/variables';

'/hardware/location' = {
    host = xen_host_of(FULL_HOSTNAME);
    if (!is_defined(host)) error(format("Xen guest %s is listed under no host in XEN_DB", FULL_HOSTNAME));
    host;
};

'/hardware' = {
    hardware = SELF;
    if (exists(XEN_GUESTS_MACHINE_DB[FULL_HOSTNAME])) {
        db = XEN_GUESTS_MACHINE_DB[FULL_HOSTNAME];
        if (exists(db['nic'])) hardware['cards']['nic'] = db['nic'];
        if (exists(db['harddisks'])) hardware['harddisks'] = db['harddisks'];
        if (exists(db['ram_size'])) hardware['ram'] = list(dict('size', to_megabytes(db['ram_size'])));
    };
    hardware;
};

include if (XEN_INDEPENDENT_WALLCLOCK) 'xen/independent_wallclock' else 'xen/dependent_wallclock';
