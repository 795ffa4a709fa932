@{
    Disk layout of a server with one disk and its system on LVM: /boot on
    sda1, / and /var as logical volumes of volume group vg-sys (so the root
    device is /dev/mapper/vg--sys-root), the rest a volume group for the
    Xen guests (XEN_VG).
}
unique template site/filesystems/lvm;

'/system/blockdevices' = dict(
    'partitions', dict(
        'sda1', dict('holding_dev', 'sda', 'size', 1024),
        'sda2', dict('holding_dev', 'sda', 'size', 131072),
        'sda3', dict('holding_dev', 'sda'),
    ),
    'volume_groups', dict(
        'vg-sys', dict('device_list', list('partitions/sda2')),
        XEN_VG, dict('device_list', list('partitions/sda3')),
    ),
    'logical_volumes', dict(
        'root', dict('volume_group', 'vg-sys', 'size', 65536),
        'var', dict('volume_group', 'vg-sys', 'size', 32768),
        'swap', dict('volume_group', 'vg-sys', 'size', 16384),
    ),
);

'/system/filesystems' = list(
    dict('mountpoint', '/boot', 'block_device', 'partitions/sda1', 'type', 'ext4', 'size', 1024,
        'format', true, 'mount', true),
    dict('mountpoint', '/', 'block_device', 'logical_volumes/root', 'type', 'xfs',
        'format', true, 'mount', true),
    dict('mountpoint', '/var', 'block_device', 'logical_volumes/var', 'type', 'xfs',
        'format', true, 'mount', true),
    dict('mountpoint', 'swap', 'block_device', 'logical_volumes/swap', 'type', 'swap',
        'format', true, 'mount', true),
);
