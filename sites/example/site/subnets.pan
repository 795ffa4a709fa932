@{
    The site's subnets: name -> IPv4 network, netmask and gateway, and the
    IPv6 /64 of the same segment. Interfaces are built from an address and
    this table (site_interface), so netmasks and prefixes are typed here only.
}
declaration template site/subnets;

variable NETWORKS ?= dict(
    'prod', dict(
        'network', '10.10.0.0', 'netmask', '255.255.255.0', 'gateway', '10.10.0.1',
        'ipv6_network', '2001:db8:10::', 'ipv6_prefix', 64,
    ),
    'svc', dict(
        'network', '10.20.0.0', 'netmask', '255.255.254.0', 'gateway', '10.20.0.1',
        'ipv6_network', '2001:db8:20::', 'ipv6_prefix', 64,
    ),
);
