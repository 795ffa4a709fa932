@{
    Schema of /system/filesystems (a list of filesystems, each on a block
    device named 'partitions/sda1', 'md/md0' or 'logical_volumes/<lv>') and
    of the part of /system/blockdevices those names point to (partitions,
    md arrays, volume groups and logical volumes), as in quattor's core
    schema. When /system/blockdevices is given, every block_device must
    exist there.
}
declaration template quattor/types/filesystems;

include 'pan/types';

type structure_partition = {
    "holding_dev" : string with match(SELF, '^((s|h|xv|v)d[a-z]+|nvme[0-9]+n[0-9]+)$')
    @{ desc = size in MB; absent means the rest of the disk }
    "size" ? long(1..)
};

type structure_md = {
    "device_list" : string[1..] with {
        foreach (i; dev; SELF) {
            if (!match(dev, '^partitions/\w+$')) error(format("md member '%s' is not 'partitions/<name>'", dev));
        };
        true;
    }
    "raid_level" : choice('RAID0', 'RAID1', 'RAID5', 'RAID6', 'RAID10')
};

type structure_volume_group = {
    "device_list" : string[1..]
};

type structure_logical_volume = {
    "volume_group" : string
    @{ desc = size in MB }
    "size" ? long(1..)
};

type structure_blockdevices = {
    "partitions" ? structure_partition{}
    "md" ? structure_md{}
    "volume_groups" ? structure_volume_group{}
    "logical_volumes" ? structure_logical_volume{}
} with {
    if (exists(SELF['logical_volumes'])) {
        foreach (name; lv; SELF['logical_volumes']) {
            if (!exists(SELF['volume_groups'][lv['volume_group']])) {
                error(format("logical volume %s: volume group %s is not defined", name, lv['volume_group']));
            };
        };
    };
    true;
};

type structure_filesystem = {
    "mountpoint" : string with match(SELF, '^(/[^\s]*|swap|none)$')
    "block_device" : string with match(SELF, '^(partitions|md|logical_volumes)/[\w.+-]+$') ||
        error(format("block_device '%s' is not partitions/<name>, md/<name> or logical_volumes/<name>", SELF))
    "type" : choice('ext2', 'ext3', 'ext4', 'xfs', 'btrfs', 'vfat', 'swap', 'tmpfs', 'none')
    @{ desc = size in MB }
    "size" ? long(1..)
    "format" ? boolean
    "mount" ? boolean
    "mountopts" ? string
    "preserve" ? boolean
} with {
    if (exists('/system/blockdevices') && !exists('/system/blockdevices/' + SELF['block_device'])) {
        error(format("block device %s (of %s) is not defined under /system/blockdevices",
            SELF['block_device'], SELF['mountpoint']));
    };
    true;
};

type structure_filesystems = structure_filesystem[] with {
    seen = dict();
    foreach (i; fs; SELF) {
        if (fs['mountpoint'] != 'swap' && fs['mountpoint'] != 'none') {
            mount = escape(fs['mountpoint']);
            if (exists(seen[mount])) error(format("mountpoint %s appears twice", fs['mountpoint']));
            seen[mount] = true;
        };
    };
    true;
};
