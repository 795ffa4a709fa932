@{
    The library's schema bound to its paths: one extensible record on '/'
    whose optional fields carry /hardware and the parts of /system we
    model (network, filesystems, blockdevices, enclosure, virtualisation);
    anything else in a profile is left unchecked. Components bind their own
    schema at /software/components/<name> (components/<name>/schema).
    Also checks that every Ethernet interface has a NIC of that name.
}
declaration template quattor/schema;

include 'quattor/types/hardware';
include 'quattor/types/network';
include 'quattor/types/filesystems';
include 'quattor/types/enclosure';
include 'quattor/types/virtualisation';

type structure_system = extensible {
    "network" ? structure_network
    "filesystems" ? structure_filesystems
    "blockdevices" ? structure_blockdevices
    "enclosure" ? structure_enclosure
    "virtualisation" ? structure_virtualisation
};

type structure_profile = extensible {
    "hardware" ? structure_hardware
    "system" ? structure_system
} with {
    if (path_exists('/hardware/cards/nic') && path_exists('/system/network/interfaces')) {
        nics = value('/hardware/cards/nic');
        foreach (name; iface; value('/system/network/interfaces')) {
            physical = !exists(iface['type']) || iface['type'] == 'Ethernet';
            if (physical && !match(name, '\.') && !exists(nics[name])) {
                error(format("interface %s has no NIC in /hardware/cards/nic", name));
            };
        };
    };
    true;
};

bind '/' = structure_profile;
