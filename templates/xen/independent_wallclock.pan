@{
    A Xen guest keeping its own clock (synchronised by its own NTP): the
    sysctl xen.independent_wallclock = 1 for kernels that still have it.
}
unique template xen/independent_wallclock;

'/software/components/sysctl/active' ?= true;
'/software/components/sysctl/variables/xen.independent_wallclock' = '1';
