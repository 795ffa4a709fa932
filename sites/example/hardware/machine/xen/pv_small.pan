@{ Virtual hardware of a small Xen guest: 2 vCPUs, 4 GB, a 40 GB disk. }
structure template hardware/machine/xen/pv_small;

'manufacturer' = 'Xen';
'model' = 'PV guest';
'cpu' = list(dict('vendor', 'Xen', 'model', 'vCPU', 'cores', 2));
'ram' = list(dict('size', 4096));
'harddisks/xvda' = dict('capacity', 40960, 'interface', 'xen');
