@{
    Site functions turning an address into an interface with the netmask
    or prefix of its NETWORKS entry, and choosing a default gateway from a
    profile's interfaces.
}
declaration template site/functions;

include 'pan/types';

@documentation{
    desc = the name of the NETWORKS entry holding an IPv4 or IPv6 address; an error when none does
    arg = address
}
function site_network_of = {
    address = ARGV[0];
    foreach (name; net; NETWORKS) {
        if (is_ipv4(address) && ip4_in_subnet(address, net['network'], net['netmask'])) return(name);
        if (is_ipv6(address) && exists(net['ipv6_network']) &&
            ip6_in_subnet(address, net['ipv6_network'], net['ipv6_prefix'])) return(name);
    };
    error(format("address %s is in no network of NETWORKS", address));
};

@documentation{
    desc = an interface from its addresses: 'dhcp', an IPv4 address, an IPv6 address, or an IPv4 \
           and an IPv6 address (dual stack); netmask and prefix come from NETWORKS
    arg = the word dhcp, or an address
    arg = optional IPv6 address
}
function site_interface = {
    if (ARGC < 1 || ARGC > 2) error("site_interface: one or two addresses expected");
    if (ARGV[0] == 'dhcp') return(dict('bootproto', 'dhcp', 'onboot', true));
    iface = dict('bootproto', 'static', 'onboot', true);
    foreach (i; address; ARGV) {
        net = NETWORKS[site_network_of(address)];
        if (is_ipv4(address)) {
            if (exists(iface['ip'])) error(format("site_interface: two IPv4 addresses (%s, %s)", iface['ip'], address));
            iface['ip'] = address;
            iface['netmask'] = net['netmask'];
        } else {
            if (exists(iface['ipv6addr'])) {
                error(format("site_interface: two IPv6 addresses (%s, %s)", iface['ipv6addr'], address));
            };
            iface['ipv6addr'] = address;
            iface['ipv6_prefix'] = net['ipv6_prefix'];
        };
    };
    iface;
};

@documentation{
    desc = the gateway of the network of the first interface (in name order) with an IPv4 \
           address, or null when no interface has one
    arg = interfaces dict
}
function site_default_gateway = {
    foreach (name; iface; ARGV[0]) {
        if (exists(iface['ip'])) return(NETWORKS[site_network_of(iface['ip'])]['gateway']);
    };
    null;
};
