@{
    A Xen guest taking its time from dom0: the sysctl
    xen.independent_wallclock = 0, and the guest's own NTP daemon
    (ncm-ntpd, when configured) turned off.
}
unique template xen/dependent_wallclock;

'/software/components/sysctl/active' ?= true;
'/software/components/sysctl/variables/xen.independent_wallclock' = '0';
'/software/components/ntpd' = if (is_defined(SELF)) {
    ntpd = SELF;
    ntpd['active'] = false;
    ntpd;
} else {
    null;
};
