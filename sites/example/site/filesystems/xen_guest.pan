@{
    Disk layout of a Xen guest: /boot, / and swap on xvda; a second disk
    xvdb, when the guest's hardware has one, becomes /srv.
}
unique template site/filesystems/xen_guest;

'/system/blockdevices/partitions' = {
    parts = dict(
        'xvda1', dict('holding_dev', 'xvda', 'size', 512),
        'xvda2', dict('holding_dev', 'xvda', 'size', 2048),
        'xvda3', dict('holding_dev', 'xvda'),
    );
    if (path_exists('/hardware/harddisks/xvdb')) parts['xvdb1'] = dict('holding_dev', 'xvdb');
    parts;
};

'/system/filesystems' = {
    fs = list(
        dict('mountpoint', '/boot', 'block_device', 'partitions/xvda1', 'type', 'ext4',
            'format', true, 'mount', true),
        dict('mountpoint', 'swap', 'block_device', 'partitions/xvda2', 'type', 'swap',
            'format', true, 'mount', true),
        dict('mountpoint', '/', 'block_device', 'partitions/xvda3', 'type', 'xfs',
            'format', true, 'mount', true),
    );
    if (path_exists('/hardware/harddisks/xvdb')) {
        fs[length(fs)] = dict('mountpoint', '/srv', 'block_device', 'partitions/xvdb1', 'type', 'xfs',
            'format', true, 'mount', true);
    };
    fs;
};
