@{
    Functions of the Xen templates: reading XEN_DB in both directions (a
    host's guests, a guest's host), reading a guest's profile, choosing the
    host bridge for each guest NIC, and building a domain's xl options from
    the guest's own hardware (memory, vcpus, vifs, one LVM volume per disk).
    Every datum about a guest is read from the guest's profile, never typed
    again on the host.
}
declaration template xen/functions;

include 'pan/types';
include 'quattor/functions/hardware';
include 'quattor/functions/network';

@documentation{
    desc = the profile (object template) name of a guest: XEN_PROFILE_PREFIX + name
    arg = guest name
}
function xen_profile = {
    XEN_PROFILE_PREFIX + ARGV[0];
};

@documentation{
    desc = a value from a guest's profile, with an optional default when the path is missing; \
           an error naming the guest when no profile of it can be read
    arg = guest name
    arg = absolute path in the guest's profile
    arg = optional default
}
function xen_guest_value = {
    if (!exists(xen_profile(ARGV[0]) + ':/')) {
        error(format("guest %s (in XEN_DB under %s): no profile of it can be read (it is missing or failed to compile)", ARGV[0], FULL_HOSTNAME));
    };
    p = xen_profile(ARGV[0]) + ':' + ARGV[1];
    if (ARGC > 2) return(value(p, ARGV[2]));
    if (!path_exists(p)) error(format("guest %s: %s is not defined in its profile", ARGV[0], ARGV[1]));
    value(p);
};

@documentation{
    desc = the host under which XEN_DB lists a guest, undef if none; an error naming \
           the hosts when there are several
    arg = guest name
}
function xen_host_of = {
    hosts = list();
    foreach (host; guests; XEN_DB) {
        if (index(ARGV[0], guests) >= 0) hosts[length(hosts)] = host;
    };
    if (length(hosts) > 1) {
        error(format("guest %s is listed in XEN_DB under more than one host: %s", ARGV[0], join(', ', hosts)));
    };
    if (length(hosts) == 0) return(undef);
    hosts[0];
};

@documentation{
    desc = the guests XEN_DB lists under a host (empty list if none), after checking \
           that none is listed twice or under another host too
    arg = host name
}
function xen_host_guests = {
    if (!exists(XEN_DB[ARGV[0]])) return(list());
    guests = XEN_DB[ARGV[0]];
    seen = dict();
    foreach (i; guest; guests) {
        if (exists(seen[guest])) error(format("guest %s is listed twice in XEN_DB under %s", guest, ARGV[0]));
        seen[guest] = true;
        xen_host_of(guest);
    };
    guests;
};

@documentation{
    desc = a per-guest setting: the variable itself when it is a string, else its entry for the \
           guest, else its DEFAULT entry, else the given default ('' meaning none)
    arg = the variable's value (string or dict)
    arg = guest name
    arg = default
}
function xen_setting = {
    v = ARGV[0];
    if (is_dict(v)) {
        if (exists(v[ARGV[1]])) return(v[ARGV[1]]);
        if (exists(v['DEFAULT'])) return(v['DEFAULT']);
        return(ARGV[2]);
    };
    if (is_string(v) && v != '') return(v);
    ARGV[2];
};

@documentation{
    desc = the bridges of a hypervisor: the given (user) bridges, plus 'xenbrN' \
           (vifnum N, the first free number) for each interface, in name order, that is \
           not a bonding slave, a bridge, a VLAN or already bridged or covered
    arg = the host's interfaces dict
    arg = bridges already defined (XEN_NETWORK_BRIDGES)
}
function xen_network_bridges = {
    ifaces = ARGV[0];
    bridges = ARGV[1];
    covered = dict();
    used = dict();
    foreach (br; b; bridges) {
        if (exists(b['netdev'])) covered[b['netdev']] = br;
        if (exists(b['vifnum'])) used['n' + to_string(b['vifnum'])] = br;
    };
    n = 0;
    foreach (name; iface; ifaces) {
        skip = name == 'lo' || match(name, '[.:]') || exists(iface['master']) || exists(iface['bridge']) ||
               (exists(iface['type']) && iface['type'] == 'Bridge') || exists(covered[name]);
        if (!skip) {
            while (exists(bridges['xenbr' + to_string(n)]) || exists(used['n' + to_string(n)])) n = n + 1;
            bridges['xenbr' + to_string(n)] = dict('netdev', name, 'vifnum', n);
            n = n + 1;
        };
    };
    bridges;
};

@documentation{
    desc = the host's interfaces with each bridge of XEN_NETWORK_BRIDGES made an interface of \
           type Bridge that takes over the addresses of its netdev; the netdev is attached to it
    arg = the host's interfaces dict
    arg = the bridges (name -> dict of netdev and vifnum)
}
function xen_bridge_interfaces = {
    ifaces = ARGV[0];
    moved = list('ip', 'netmask', 'gateway', 'broadcast', 'bootproto',
                 'ipv6addr', 'ipv6_prefix', 'ipv6_autoconf');
    foreach (br; b; ARGV[1]) {
        if (exists(b['netdev'])) {
            dev = b['netdev'];
            if (!exists(ifaces[dev])) {
                error(format("bridge %s: its netdev %s is not an interface of this host", br, dev));
            };
            if (!exists(ifaces[dev]['bridge'])) {
                bridge = if (exists(ifaces[br])) ifaces[br] else dict();
                bridge['type'] = 'Bridge';
                foreach (i; field; moved) {
                    if (exists(ifaces[dev][field])) {
                        bridge[field] = ifaces[dev][field];
                        ifaces[dev][field] = null;
                    };
                };
                if (exists(ifaces[dev]['onboot'])) bridge['onboot'] = ifaces[dev]['onboot'];
                if (!exists(bridge['bootproto'])) {
                    addressed = exists(bridge['ip']) || exists(bridge['ipv6addr']);
                    bridge['bootproto'] = if (addressed) 'static' else 'none';
                };
                ifaces[br] = bridge;
                ifaces[dev]['bridge'] = br;
                ifaces[dev]['bootproto'] = 'none';
            };
        };
    };
    ifaces;
};

@documentation{
    desc = the host bridge for one guest NIC: the bridge of the host interface whose subnet \
           holds the NIC's address (IPv4 and IPv6 must agree); for a NIC without a static address \
           (DHCP), the bridge of the host interface of the default gateway
    arg = guest name
    arg = NIC name
    arg = the guest's interface of that name (dict, empty when not configured)
    arg = the host's interfaces dict (bridges already made)
}
function xen_nic_bridge = {
    guest = ARGV[0];
    nic = ARGV[1];
    iface = ARGV[2];
    host_ifaces = ARGV[3];
    addresses = list();
    if (exists(iface['ip'])) addresses[length(addresses)] = iface['ip'];
    if (exists(iface['ipv6addr'])) {
        v6 = ip6_split(iface['ipv6addr']);
        addresses[length(addresses)] = v6['address'];
    };
    bridge = undef;
    if (length(addresses) == 0) {
        if (!path_exists('/system/network/default_gateway')) {
            error(format("guest %s %s has no static address and host %s has no default gateway to put it on; " +
                "set XEN_VIF_BRIDGE['%s']['%s']", guest, nic, FULL_HOSTNAME, guest, nic));
        };
        gw = value('/system/network/default_gateway');
        host_if = interface_for_address(host_ifaces, gw);
        if (!is_defined(host_if)) {
            error(format("host %s: default gateway %s is in no subnet of its interfaces", FULL_HOSTNAME, gw));
        };
        bridge = interface_bridge(host_ifaces, host_if);
        if (!is_defined(bridge)) {
            error(format("host %s: interface %s (default gateway %s, for DHCP guest %s %s) is on no bridge",
                FULL_HOSTNAME, host_if, gw, guest, nic));
        };
        return(bridge);
    };
    foreach (i; address; addresses) {
        host_if = interface_for_address(host_ifaces, address);
        if (!is_defined(host_if)) {
            error(format("guest %s %s: address %s is in no subnet of host %s " +
                "(set XEN_VIF_BRIDGE['%s']['%s'] to choose a bridge)", guest, nic, address, FULL_HOSTNAME, guest, nic));
        };
        found = interface_bridge(host_ifaces, host_if);
        if (!is_defined(found)) {
            error(format("guest %s %s: host %s interface %s (subnet of %s) is on no bridge",
                guest, nic, FULL_HOSTNAME, host_if, address));
        };
        if (is_defined(bridge) && bridge != found) {
            error(format("guest %s %s: its addresses are on different host bridges (%s and %s)",
                guest, nic, bridge, found));
        };
        bridge = found;
    };
    bridge;
};

@documentation{
    desc = XEN_VIF_BRIDGE completed: guest -> NIC -> host bridge for every NIC of every guest; \
           entries already given win
    arg = the guests
    arg = given entries (dict)
    arg = the host's interfaces dict (bridges already made)
}
function xen_vif_bridges = {
    result = ARGV[1];
    foreach (i; guest; ARGV[0]) {
        nics = xen_guest_value(guest, '/hardware/cards/nic', dict());
        ifaces = xen_guest_value(guest, '/system/network/interfaces', dict());
        foreach (nic; card; nics) {
            if (!exists(result[guest][nic])) {
                iface = if (exists(ifaces[nic])) ifaces[nic] else dict();
                result[guest][nic] = xen_nic_bridge(guest, nic, iface, ARGV[2]);
            };
        };
    };
    result;
};

@documentation{
    desc = the xl options of a guest's domain, from the guest's profile: memory (its RAM), vcpus \
           (CPU entries x cores), one vif per NIC (MAC and XEN_VIF_BRIDGE bridge), one LVM volume \
           <guest>-<dev> on XEN_VG per disk, and the boot settings of XEN_BOOTLOADER/XEN_BOOTARGS
    arg = guest name
}
function xen_domain_options = {
    guest = ARGV[0];
    hardware = xen_guest_value(guest, '/hardware');
    if (!exists(hardware['ram'])) error(format("guest %s has no /hardware/ram: cannot set its memory", guest));
    if (!exists(hardware['cpu'])) error(format("guest %s has no /hardware/cpu: cannot set its vcpus", guest));

    options = dict();
    options['name'] = guest;
    options['type'] = xen_setting(XEN_DOMAIN_TYPE, guest, 'pv');
    options['memory'] = hardware_ram(hardware);
    options['vcpus'] = hardware_cores(hardware);

    vifs = list();
    if (exists(hardware['cards']['nic'])) {
        foreach (nic; card; hardware['cards']['nic']) {
            mac = to_lowercase(replace('-', ':', card['hwaddr']));
            bridge = XEN_VIF_BRIDGE[guest][nic];
            if (!exists(XEN_NETWORK_BRIDGES[bridge])) {
                error(format("guest %s %s: bridge %s (XEN_VIF_BRIDGE) is not a bridge of host %s",
                    guest, nic, bridge, FULL_HOSTNAME));
            };
            vifs[length(vifs)] = format('mac=%s,bridge=%s', mac, bridge);
        };
    };
    options['vif'] = vifs;

    disks = list();
    if (exists(hardware['harddisks'])) {
        foreach (dev; disk; hardware['harddisks']) {
            disks[length(disks)] = dict(
                'type', 'lvm',
                'hostdevice', XEN_VG,
                'hostvol', guest + '-' + dev,
                'guestdevice', dev,
                'rw', 'w',
                'size', disk['capacity'],
                'create', XEN_CREATE_FILESYSTEMS,
            );
        };
    };
    options['disk'] = disks;

    if (options['type'] != 'hvm') {
        options['bootloader'] = xen_setting(XEN_BOOTLOADER, guest, 'pygrub');
    };
    bootargs = xen_setting(XEN_BOOTARGS, guest, '');
    if (bootargs == '' && exists(options['bootloader']) && match(options['bootloader'], 'pypxeboot')) {
        bootargs = 'vif[0]';
    };
    if (bootargs != '') options['bootargs'] = bootargs;
    options;
};

@documentation{
    desc = validation of a hypervisor's load: the guests' vcpus against cores x vcpu_overcommit, \
           and the guests' memory plus dom0_mem against the host's RAM
    arg = /system/virtualisation (dict)
}
function xen_host_capacity_ok = {
    virt = ARGV[0];
    hardware = value('/hardware');
    cores = hardware_cores(hardware);
    ram = hardware_ram(hardware);
    vcpus = 0;
    memory = 0;
    foreach (name; domain; value('/software/components/xen/domains', dict())) {
        if (exists(domain['options']['vcpus'])) vcpus = vcpus + domain['options']['vcpus'];
        memory = memory + domain['options']['memory'];
    };
    if (to_double(vcpus) > cores * virt['vcpu_overcommit']) {
        error(format("host %s: its guests have %d vcpus, more than %d cores x vcpu_overcommit %s",
            OBJECT, vcpus, cores, to_string(virt['vcpu_overcommit'])));
    };
    if (ram > 0 && memory + virt['dom0_mem'] > ram) {
        error(format("host %s: its guests' memory (%d MB) plus dom0_mem (%d MB) exceeds its RAM (%d MB)",
            OBJECT, memory, virt['dom0_mem'], ram));
    };
    true;
};
