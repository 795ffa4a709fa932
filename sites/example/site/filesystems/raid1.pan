@{
    Disk layout of a server with two mirrored disks: /boot on md0, / on md1
    and swap on md2 (RAID1 over sda and sdb), the rest of both disks a
    volume group for the Xen guests (XEN_VG).
}
unique template site/filesystems/raid1;

'/system/blockdevices' = {
    parts = dict();
    md = dict();
    foreach (i; spec; list(list('1', 1024), list('2', 65536), list('3', 16384))) {
        parts['sda' + spec[0]] = dict('holding_dev', 'sda', 'size', spec[1]);
        parts['sdb' + spec[0]] = dict('holding_dev', 'sdb', 'size', spec[1]);
        md['md' + to_string(i)] = dict('device_list', list('partitions/sda' + spec[0], 'partitions/sdb' + spec[0]),
            'raid_level', 'RAID1');
    };
    parts['sda4'] = dict('holding_dev', 'sda');
    parts['sdb4'] = dict('holding_dev', 'sdb');
    dict('partitions', parts, 'md', md,
        'volume_groups', dict(XEN_VG, dict('device_list', list('partitions/sda4', 'partitions/sdb4'))));
};

'/system/filesystems' = list(
    dict('mountpoint', '/boot', 'block_device', 'md/md0', 'type', 'ext4', 'format', true, 'mount', true),
    dict('mountpoint', '/', 'block_device', 'md/md1', 'type', 'ext4', 'format', true, 'mount', true),
    dict('mountpoint', 'swap', 'block_device', 'md/md2', 'type', 'swap', 'format', true, 'mount', true),
);
