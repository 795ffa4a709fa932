@{
    Xen placement and defaults of the site. XEN_DB is the only place where
    a guest's host is written: each guest's /hardware/location and each
    host's domains and /system/enclosure are derived from it.
}
declaration template site/xen;

variable XEN_DB ?= dict(
    'hv01.example.org', list('vm01.example.org', 'vm02.example.org', 'vm03.example.org'),
    'hv02.example.org', list('vm04.example.org', 'vm05.example.org', 'vm06.example.org'),
    'hv03.example.org', list('vm07.example.org', 'vm08.example.org'),
    'hv04.example.org', list('vm09.example.org', 'vm10.example.org', 'vm11.example.org'),
    'hv05.example.org', list('vm12.example.org', 'vm13.example.org'),
);

variable XEN_VG ?= 'vg_guests';
variable XEN_VERSION ?= '4.17';
variable XEN_LINUX_VERSION ?= '6.1.0-18-amd64';
variable XEN_BOOTLOADER ?= dict(
    'DEFAULT', 'pygrub',
    'vm13.example.org', '/usr/lib/xen/bin/pypxeboot',
);
