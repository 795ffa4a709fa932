@{
    Functions over /system/filesystems and /system/blockdevices: the device
    path of a block device name (partitions/sda1 -> /dev/sda1, md/md0 ->
    /dev/md0, logical_volumes/root -> /dev/mapper/<vg>-root) and the root
    device of the machine, as needed for a boot loader entry.
}
declaration template quattor/functions/filesystem;

@documentation{
    desc = the /dev path of a block device name of /system/filesystems; logical volumes \
           take their volume group from /system/blockdevices (device-mapper doubles '-')
    arg = block device name, e.g. 'partitions/sda1'
}
function block_device_path = {
    if (ARGC != 1) error("block_device_path: one argument expected");
    parts = matches(ARGV[0], '^(partitions|md|logical_volumes)/(.+)$');
    if (length(parts) != 3) {
        error(format("block device '%s' is not partitions/<name>, md/<name> or logical_volumes/<name>", ARGV[0]));
    };
    if (parts[1] != 'logical_volumes') return('/dev/' + parts[2]);
    vg_path = '/system/blockdevices/logical_volumes/' + parts[2] + '/volume_group';
    if (!path_exists(vg_path)) {
        error(format("logical volume %s has no volume group (%s is missing)", parts[2], vg_path));
    };
    format('/dev/mapper/%s-%s', replace('-', '--', value(vg_path)), replace('-', '--', parts[2]));
};

@documentation{
    desc = the /dev path of the block device mounted on '/', an error when there is none
}
function root_device_path = {
    if (path_exists('/system/filesystems')) {
        foreach (i; fs; value('/system/filesystems')) {
            if (fs['mountpoint'] == '/') return(block_device_path(fs['block_device']));
        };
    };
    error("no filesystem is mounted on '/' in /system/filesystems: cannot find the root device");
};
