@{
    The domains of a hypervisor, /software/components/xen/domains: one per
    guest of XEN_GUESTS, its options derived from the guest's own profile
    (see xen_domain_options) and started with the host. Options already
    present in the profile win over the derived ones.
}
unique template xen/configure_guests;

include 'quattor/profile_base';
include 'xen/variables';

variable XEN_GUESTS ?= xen_host_guests(FULL_HOSTNAME);

'/software/components/xen/domains' = {
    domains = if (is_defined(SELF)) SELF else dict();
    foreach (i; guest; XEN_GUESTS) {
        options = xen_domain_options(guest);
        if (exists(domains[guest]['options'])) {
            foreach (option; v; domains[guest]['options']) options[option] = v;
        };
        domains[guest]['options'] = options;
        if (!exists(domains[guest]['auto'])) domains[guest]['auto'] = true;
    };
    if (length(domains) > 0) domains else null;
};
