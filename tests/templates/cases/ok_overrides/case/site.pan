@{
    A case that must compile: site overrides of the derived values.
    vm1 (DHCP) is put on xenbr1 by XEN_VIF_BRIDGE instead of the default
    gateway's bridge; vm2's hardware comes from XEN_GUESTS_MACHINE_DB, its
    bootargs from XEN_BOOTARGS, and it takes its clock from dom0.
}
unique template case/site;

variable XEN_DB = dict('hv1.example.org', list('vm1.example.org', 'vm2.example.org'));
variable XEN_DOM0_MEM = '2G';
variable XEN_VIF_BRIDGE = dict('vm1.example.org', dict('eth0', 'xenbr1'));
variable XEN_BOOTARGS = dict('vm2.example.org', 'console=hvc0');
variable XEN_GUESTS_MACHINE_DB = dict('vm2.example.org', dict(
    'ram_size', '3G',
    'harddisks', dict('xvda', dict('capacity', 10240), 'xvdb', dict('capacity', 20480)),
    'nic', dict('eth0', dict('hwaddr', '00:16:3E:00:00:22')),
));
