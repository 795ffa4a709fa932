@{
    Functions over a /system/network/interfaces dict: the bridge an
    interface's traffic goes through, the slaves of a bond, the IPv6 address
    and prefix of an interface, and a longest-prefix "route lookup" giving
    the interface whose subnet holds an IPv4 or IPv6 address. They take the
    interfaces as an argument so that a hypervisor can apply them to its own
    network and to a guest's (read with value()).
}
declaration template quattor/functions/network;

include 'pan/types';

@documentation{
    desc = the names of the interfaces whose master is the given bond, sorted
    arg = interfaces dict
    arg = bond name
}
function network_bond_slaves = {
    if (ARGC != 2) error("network_bond_slaves: two arguments expected (interfaces, bond)");
    slaves = list();
    foreach (name; iface; ARGV[0]) {
        if (exists(iface['master']) && iface['master'] == ARGV[1]) slaves[length(slaves)] = name;
    };
    slaves;
};

@documentation{
    desc = true when some interface has an IPv4 address
    arg = interfaces dict
}
function network_has_ipv4 = {
    foreach (name; iface; ARGV[0]) {
        if (exists(iface['ip'])) return(true);
    };
    false;
};

@documentation{
    desc = the bridge carrying an interface's traffic: the interface itself if it is a Bridge, \
           its 'bridge', or (for a bonding slave) its master's bridge; undef when there is none
    arg = interfaces dict
    arg = interface name
}
function interface_bridge = {
    if (ARGC != 2) error("interface_bridge: two arguments expected (interfaces, name)");
    ifaces = ARGV[0];
    name = ARGV[1];
    if (!exists(ifaces[name])) return(undef);
    iface = ifaces[name];
    if (exists(iface['type']) && iface['type'] == 'Bridge') return(name);
    if (exists(iface['bridge'])) return(iface['bridge']);
    if (exists(iface['master'])) return(interface_bridge(ifaces, iface['master']));
    undef;
};

@documentation{
    desc = dict(address, prefix) for the IPv6 address of an interface, undef when it has none; \
           the prefix comes from '/len' in ipv6addr, else ipv6_prefix, else 64
    arg = one interface (dict)
}
function interface_ipv6 = {
    iface = ARGV[0];
    if (!exists(iface['ipv6addr'])) return(undef);
    result = ip6_split(iface['ipv6addr']);
    if (!is_defined(result['prefix'])) {
        result['prefix'] = if (exists(iface['ipv6_prefix'])) iface['ipv6_prefix'] else 64;
    };
    result;
};

@documentation{
    desc = the name of the interface whose subnet holds the address (IPv4 or IPv6), choosing \
           the longest prefix and then the first name; undef when no subnet holds it
    arg = interfaces dict
    arg = an IPv4 or IPv6 address (an IPv6 '/prefix' is ignored)
}
function interface_for_address = {
    if (ARGC != 2) error("interface_for_address: two arguments expected (interfaces, address)");
    best = undef;
    best_len = -1;
    if (is_ipv4(ARGV[1])) {
        foreach (name; iface; ARGV[0]) {
            if (exists(iface['ip']) && exists(iface['netmask'])) {
                len = ip4_prefix_length(iface['netmask']);
                if (len > best_len && ip4_in_subnet(ARGV[1], iface['ip'], iface['netmask'])) {
                    best = name;
                    best_len = len;
                };
            };
        };
        return(best);
    };
    address = ip6_split(ARGV[1]);
    if (!is_ipv6(address['address'])) {
        error(format("interface_for_address: '%s' is neither an IPv4 nor an IPv6 address", ARGV[1]));
    };
    foreach (name; iface; ARGV[0]) {
        v6 = interface_ipv6(iface);
        if (is_defined(v6) && v6['prefix'] > best_len &&
            ip6_in_subnet(address['address'], v6['address'], v6['prefix'])) {
            best = name;
            best_len = v6['prefix'];
        };
    };
    best;
};
