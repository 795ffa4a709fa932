@{
    Schema of /hardware: CPUs, memory, disks and NICs of a machine (physical or
    virtual), and where it sits: for a Xen guest, /hardware/location is the
    FQDN of its hypervisor; for a blade, /hardware/chassis and /hardware/slot
    name its enclosure profile and slot (as Aquilon does). Follows the names
    of quattor's core schema (structure_hardware and friends).
}
declaration template quattor/types/hardware;

include 'pan/types';

@documentation{
    One CPU socket. A machine's core count (and a guest's vcpus) is the
    number of entries times 'cores', which defaults to 1 when absent.
}
type structure_cpu = {
    "vendor" : string
    "model" : string
    @{ desc = cores per socket }
    "cores" ? long(1..)
    @{ desc = clock speed in MHz }
    "speed" ? long(1..)
    @{ desc = hardware threads per socket }
    "max_threads" ? long(1..)
} with {
    if (exists(SELF['max_threads']) && exists(SELF['cores']) && SELF['max_threads'] < SELF['cores']) {
        error("a CPU cannot have fewer threads (max_threads) than cores");
    };
    true;
};

@documentation{
    One memory module or bank; the machine's RAM is the sum of all entries.
}
type structure_ram = {
    @{ desc = size in MB }
    "size" : long(1..)
    "type" ? string
};

@documentation{
    One disk, keyed by its device name (sda, xvda, nvme0n1) in /hardware/harddisks.
}
type structure_harddisk = {
    @{ desc = capacity in MB }
    "capacity" : long(1..)
    "interface" ? choice('ide', 'sata', 'sas', 'scsi', 'nvme', 'virtio', 'xen', 'usb')
    "model" ? string
    "boot" ? boolean
};

@documentation{
    One network card, keyed by its interface name (eth0) in /hardware/cards/nic.
}
type structure_nic = {
    "hwaddr" : type_hwaddr
    "boot" ? boolean
    "driver" ? string
    "name" ? string
    "pxe" ? boolean
    @{ desc = speed in Mb/s }
    "maxspeed" ? long(1..)
};

type structure_cards = extensible {
    "nic" ? structure_nic{}
} with {
    if (exists(SELF['nic'])) {
        foreach (name; nic; SELF['nic']) {
            if (!match(name, '^[a-z][a-z0-9_-]*[0-9]$')) {
                error(format("NIC name '%s' is not an interface name (like eth0)", name));
            };
        };
    };
    true;
};

@documentation{
    desc = the machine's hardware; blades add chassis and slot, guests set location to their host
}
type structure_hardware = {
    "cpu" ? structure_cpu[1..]
    "ram" ? structure_ram[1..]
    "harddisks" ? structure_harddisk{}
    "cards" ? structure_cards
    @{ desc = a guest: FQDN of its hypervisor; a physical machine: room/rack text }
    "location" ? string
    @{ desc = a blade: FQDN of its enclosure profile }
    "chassis" ? type_fqdn
    @{ desc = a blade: its slot in the enclosure }
    "slot" ? long(0..)
    "serialnumber" ? string
    "manufacturer" ? string
    "model" ? string
    "nodename" ? string
} with {
    if (exists(SELF['harddisks'])) {
        foreach (dev; disk; SELF['harddisks']) {
            if (!match(dev, '^((s|h|xv|v)d[a-z]+|nvme[0-9]+n[0-9]+)$')) {
                error(format("disk name '%s' is not a device name (like sda, xvdb or nvme0n1)", dev));
            };
        };
    };
    if (exists(SELF['chassis']) != exists(SELF['slot'])) {
        error("a blade needs both chassis and slot");
    };
    true;
};
