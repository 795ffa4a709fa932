@{
    Network of a hypervisor: every NIC gets an interface (when the profile
    says nothing: no address, up at boot for its bridge); every interface
    that is not a bonding slave gets a bridge xenbrN (a bond master gets it
    for its slaves) that takes over the interface's addresses; each guest
    NIC is mapped to the host bridge whose subnet holds its address (DHCP
    NICs: the bridge of the default gateway). Owns XEN_NETWORK_BRIDGES,
    XEN_NETWORK_BRIDGES_DEV2BR_MAP, XEN_VIF_BRIDGE (entries given by the
    site win) and /software/components/xen/network/bridges.
}
unique template xen/auto_network;

include 'quattor/profile_base';
include 'xen/variables';

variable XEN_GUESTS ?= xen_host_guests(FULL_HOSTNAME);

'/system/network/interfaces' = {
    ifaces = if (is_defined(SELF)) SELF else dict();
    foreach (nic; card; value('/hardware/cards/nic', dict())) {
        if (!exists(ifaces[nic])) ifaces[nic] = dict('bootproto', 'none', 'onboot', true);
    };
    ifaces;
};

variable XEN_NETWORK_BRIDGES = xen_network_bridges(value('/system/network/interfaces'), SELF);

variable XEN_NETWORK_BRIDGES_DEV2BR_MAP = {
    map = dict();
    foreach (br; b; XEN_NETWORK_BRIDGES) {
        netdev = if (exists(b['netdev'])) b['netdev'] else {
            dev = matches(br, '^xenbr(\d+)$');
            if (length(dev) != 2) error(format("bridge %s has no netdev and is not named xenbrN", br));
            'eth' + dev[1];
        };
        map[netdev] = br;
    };
    map;
};

'/system/network/interfaces' = xen_bridge_interfaces(SELF, XEN_NETWORK_BRIDGES);

'/software/components/xen/network/bridges' = if (length(XEN_NETWORK_BRIDGES) > 0) XEN_NETWORK_BRIDGES else null;

variable XEN_VIF_BRIDGE = xen_vif_bridges(XEN_GUESTS, SELF, value('/system/network/interfaces'));
