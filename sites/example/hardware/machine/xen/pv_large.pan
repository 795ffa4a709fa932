@{
    Virtual hardware of a large Xen guest: 8 vCPUs, 16 GB in two banks, a
    40 GB system disk and a 500 GB data disk.
}
structure template hardware/machine/xen/pv_large;

'manufacturer' = 'Xen';
'model' = 'PV guest';
'cpu' = list(dict('vendor', 'Xen', 'model', 'vCPU', 'cores', 8));
'ram' = list(dict('size', 8192), dict('size', 8192));
'harddisks/xvda' = dict('capacity', 40960, 'interface', 'xen');
'harddisks/xvdb' = dict('capacity', 512000, 'interface', 'xen');
