@{ Virtual hardware of a medium Xen guest: 4 vCPUs (2 sockets x 2 cores), 8 GB, an 80 GB disk. }
structure template hardware/machine/xen/pv_medium;

'manufacturer' = 'Xen';
'model' = 'PV guest';
'cpu' = list(dict('vendor', 'Xen', 'model', 'vCPU', 'cores', 2), dict('vendor', 'Xen', 'model', 'vCPU', 'cores', 2));
'ram' = list(dict('size', 8192));
'harddisks/xvda' = dict('capacity', 81920, 'interface', 'xen');
