@{
    Dell PowerEdge R640 rack server as bought by the site: two Xeon Silver
    4214, 192 GB, two 1.9 TB disks (mirrored by the OS). NICs are set by
    each machine's profile.
}
structure template hardware/machine/dell/poweredge_r640;

'manufacturer' = 'Dell';
'model' = 'PowerEdge R640';
'cpu' = list(create('hardware/cpu/intel/xeon_silver_4214'), create('hardware/cpu/intel/xeon_silver_4214'));
'ram' = list(dict('size', 65536), dict('size', 65536), dict('size', 65536));
'harddisks/sda' = dict('capacity', 1920000, 'interface', 'sas');
'harddisks/sdb' = dict('capacity', 1920000, 'interface', 'sas');
