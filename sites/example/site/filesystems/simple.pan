@{
    Disk layout of a server with one disk: /boot, / and swap on sda, the
    rest of the disk a volume group for the Xen guests' volumes (XEN_VG).
}
unique template site/filesystems/simple;

'/system/blockdevices' = dict(
    'partitions', dict(
        'sda1', dict('holding_dev', 'sda', 'size', 1024),
        'sda2', dict('holding_dev', 'sda', 'size', 65536),
        'sda3', dict('holding_dev', 'sda', 'size', 16384),
        'sda4', dict('holding_dev', 'sda'),
    ),
    'volume_groups', dict(XEN_VG, dict('device_list', list('partitions/sda4'))),
);

'/system/filesystems' = list(
    dict('mountpoint', '/boot', 'block_device', 'partitions/sda1', 'type', 'ext4', 'size', 1024,
        'format', true, 'mount', true),
    dict('mountpoint', '/', 'block_device', 'partitions/sda2', 'type', 'ext4', 'size', 65536,
        'format', true, 'mount', true),
    dict('mountpoint', 'swap', 'block_device', 'partitions/sda3', 'type', 'swap', 'size', 16384,
        'format', true, 'mount', true),
);
