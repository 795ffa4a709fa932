@{
    Schema of /system/network: host and domain name, default gateway and the
    interfaces (IPv4 and IPv6 addresses, DHCP, bonding masters and slaves,
    bridges), with the consistency checks that concern more than one
    interface: a slave's master must be a Bond, an interface's bridge must be
    a Bridge, the default gateway must be reachable. Names as in quattor's
    ncm-network core schema; ipv6_prefix is ours.
}
declaration template quattor/types/network;

include 'pan/types';
include 'quattor/functions/network';

@documentation{
    desc = options of a bonding master, written to the bonding driver
}
type network_bonding_options = extensible {
    "mode" ? long(0..6)
    "miimon" ? long(0..)
    "updelay" ? long(0..)
    "downdelay" ? long(0..)
    "primary" ? string
    "lacp_rate" ? long(0..1)
    "xmit_hash_policy" ? choice('layer2', 'layer2+3', 'layer3+4', 'encap2+3', 'encap3+4')
};

@documentation{
    One interface of /system/network/interfaces. 'master' makes it a bonding
    slave, 'bridge' attaches it to a bridge; ipv6addr may carry '/prefix',
    else ipv6_prefix (default 64) gives the prefix length.
}
type structure_interface = {
    "ip" ? type_ipv4
    "netmask" ? type_ipv4_netmask
    "gateway" ? type_ipv4
    "broadcast" ? type_ipv4
    "bootproto" ? choice('static', 'dhcp', 'none')
    "onboot" ? boolean
    "type" ? choice('Ethernet', 'Bridge', 'Bond')
    "master" ? string
    "bonding_opts" ? network_bonding_options
    "bridge" ? string
    "ipv6addr" ? type_ipv6_network
    "ipv6_prefix" ? long(0..128)
    "ipv6_autoconf" ? boolean
    "mtu" ? long(68..65535)
} with {
    if (exists(SELF['ip']) != exists(SELF['netmask'])) {
        error("an interface needs both ip and netmask, or neither");
    };
    foreach (i; field; list('gateway', 'broadcast')) {
        if (exists(SELF[field]) && exists(SELF['ip']) && !ip4_in_subnet(SELF[field], SELF['ip'], SELF['netmask'])) {
            error(format("%s %s is not in the subnet of %s/%s", field, SELF[field], SELF['ip'], SELF['netmask']));
        };
    };
    if (exists(SELF['master'])) {
        foreach (i; field; list('ip', 'ipv6addr', 'bridge')) {
            if (exists(SELF[field])) {
                error(format("a bonding slave (master %s) cannot have '%s'", SELF['master'], field));
            };
        };
    };
    if (exists(SELF['bonding_opts']) && (!exists(SELF['type']) || SELF['type'] != 'Bond')) {
        error("bonding_opts are only for interfaces of type Bond");
    };
    if (exists(SELF['bridge']) && exists(SELF['type']) && SELF['type'] == 'Bridge') {
        error("a bridge cannot itself be attached to a bridge");
    };
    proto = if (exists(SELF['bootproto'])) SELF['bootproto'] else 'static';
    if (proto == 'static' && !exists(SELF['ip']) && !exists(SELF['ipv6addr']) &&
        !exists(SELF['master']) && !exists(SELF['bridge'])) {
        error("a static interface needs an address (ip or ipv6addr)");
    };
    if (proto == 'dhcp' && exists(SELF['ip'])) error("a dhcp interface cannot have a static ip");
    if (exists(SELF['ipv6_prefix']) && exists(SELF['ipv6addr']) && match(SELF['ipv6addr'], '/')) {
        error("give the IPv6 prefix length either in ipv6addr or in ipv6_prefix, not both");
    };
    true;
};

@documentation{
    desc = /system/network: names, default gateway and interfaces (keyed by interface name)
}
type structure_network = {
    "hostname" : type_shorthostname
    "domainname" : type_hostname
    "default_gateway" ? type_ipv4
    "nameserver" ? type_ip[]
    "interfaces" : structure_interface{}
} with {
    ifaces = SELF['interfaces'];
    foreach (name; iface; ifaces) {
        if (!match(name, '^[a-z][a-z0-9_-]*[0-9](\.[0-9]+)?$')) {
            error(format("'%s' is not an interface name (like eth0, bond0, xenbr1)", name));
        };
        if (exists(iface['master'])) {
            master = iface['master'];
            if (!exists(ifaces[master])) {
                error(format("interface %s: its bonding master %s is not defined", name, master));
            };
            if (!exists(ifaces[master]['type']) || ifaces[master]['type'] != 'Bond') {
                error(format("interface %s: its master %s is not of type Bond", name, master));
            };
        };
        if (exists(iface['bridge'])) {
            bridge = iface['bridge'];
            if (!exists(ifaces[bridge]) || !exists(ifaces[bridge]['type']) || ifaces[bridge]['type'] != 'Bridge') {
                error(format("interface %s: its bridge %s is not an interface of type Bridge", name, bridge));
            };
        };
        if (exists(iface['type']) && iface['type'] == 'Bond' && length(network_bond_slaves(ifaces, name)) == 0) {
            error(format("bond %s has no slaves (no interface has master %s)", name, name));
        };
    };
    if (exists(SELF['default_gateway'])) {
        if (network_has_ipv4(ifaces) && !is_defined(interface_for_address(ifaces, SELF['default_gateway']))) {
            error(format("default gateway %s is in the subnet of no interface", SELF['default_gateway']));
        };
    };
    true;
};
