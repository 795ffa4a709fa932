@{
    HPE ProLiant BL460c Gen10 blade as bought by the site: two Xeon Gold
    6230, 256 GB, one 960 GB SSD. NICs (with their MACs) are set by each
    machine's profile.
}
structure template hardware/machine/hpe/bl460c_gen10;

'manufacturer' = 'HPE';
'model' = 'ProLiant BL460c Gen10';
'cpu' = list(create('hardware/cpu/intel/xeon_gold_6230'), create('hardware/cpu/intel/xeon_gold_6230'));
'ram' = list(dict('size', 131072), dict('size', 131072));
'harddisks/sda' = dict('capacity', 960000, 'interface', 'sata');
