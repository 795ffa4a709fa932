@{
    Basic types of the library and the validation functions behind them:
    IPv4 and IPv6 addresses, netmasks, MAC addresses, host and domain names,
    absolute paths. Each is_* function returns a boolean and never fails, so it
    can be used in conditions; the types wrap them with an error message that
    says what is expected (the compiler adds the path of the bad element).
}
declaration template pan/types;

include 'pan/functions';

@documentation{
    desc = true for a dotted-quad IPv4 address, each octet 0..255
    arg = anything
}
function is_ipv4 = {
    if (ARGC != 1) error("is_ipv4: one argument expected");
    is_defined(ip4_address_to_long(ARGV[0]));
};

@documentation{
    desc = true for a contiguous dotted-quad IPv4 netmask such as 255.255.254.0
    arg = anything
}
function is_ipv4_netmask = {
    if (ARGC != 1) error("is_ipv4_netmask: one argument expected");
    is_defined(ip4_prefix_length(ARGV[0]));
};

@documentation{
    desc = true for a textual IPv6 address (no prefix)
    arg = anything
}
function is_ipv6 = {
    if (ARGC != 1) error("is_ipv6: one argument expected");
    is_defined(ip6_to_list(ARGV[0]));
};

@documentation{
    desc = true for an IPv6 address with an optional '/prefix' (0..128)
    arg = anything
}
function is_ipv6_network = {
    if (ARGC != 1) error("is_ipv6_network: one argument expected");
    if (!is_string(ARGV[0])) return(false);
    parts = matches(ARGV[0], '^([^/]+)(?:/(\d{1,3}))?$');
    if (length(parts) == 0 || !is_ipv6(parts[1])) return(false);
    length(parts) < 3 || parts[2] == '' || to_long(to_double(parts[2])) <= 128;
};

@documentation{
    desc = true for a MAC address: six pairs of hex digits separated by ':' (or all by '-'); \
           the group (multicast) bit of the first octet must be clear, as for any NIC
    arg = anything
}
function is_hwaddr = {
    if (ARGC != 1) error("is_hwaddr: one argument expected");
    mac = ARGV[0];
    if (!is_string(mac)) return(false);
    if (!match(mac, '^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$') &&
        !match(mac, '^[0-9a-fA-F]{2}(-[0-9a-fA-F]{2}){5}$')) return(false);
    (to_long(substr(mac, 0, 2), 16) % 2) == 0;
};

@documentation{
    desc = true for one DNS label (RFC 1123): letters, digits and inner hyphens, 1..63 characters
    arg = anything
}
function is_shorthostname = {
    if (ARGC != 1) error("is_shorthostname: one argument expected");
    is_string(ARGV[0]) && match(ARGV[0], '^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$');
};

@documentation{
    desc = true for a DNS name: one or more labels separated by dots, at most 253 characters
    arg = anything
}
function is_hostname = {
    if (ARGC != 1) error("is_hostname: one argument expected");
    name = ARGV[0];
    if (!is_string(name) || length(name) > 253 || name == '') return(false);
    foreach (i; label; split('\.', -1, name)) {
        if (!is_shorthostname(label)) return(false);
    };
    true;
};

@documentation{
    desc = true for a fully qualified domain name: at least two labels, the last one not numeric
    arg = anything
}
function is_fqdn = {
    if (ARGC != 1) error("is_fqdn: one argument expected");
    is_hostname(ARGV[0]) && match(ARGV[0], '\.[a-zA-Z0-9-]*[a-zA-Z][a-zA-Z0-9-]*$');
};

type type_ipv4 = string with is_ipv4(SELF) ||
    error(format("'%s' is not an IPv4 address (dotted quad)", SELF));

type type_ipv4_netmask = string with is_ipv4_netmask(SELF) ||
    error(format("'%s' is not a contiguous IPv4 netmask (like 255.255.255.0)", SELF));

type type_ipv6 = string with is_ipv6(SELF) ||
    error(format("'%s' is not an IPv6 address", SELF));

type type_ipv6_network = string with is_ipv6_network(SELF) ||
    error(format("'%s' is not an IPv6 address with optional /prefix", SELF));

type type_ip = string with is_ipv4(SELF) || is_ipv6(SELF) ||
    error(format("'%s' is neither an IPv4 nor an IPv6 address", SELF));

type type_hwaddr = string with is_hwaddr(SELF) ||
    error(format("'%s' is not a unicast MAC address (like 00:16:3e:00:00:01)", SELF));

type type_shorthostname = string with is_shorthostname(SELF) ||
    error(format("'%s' is not a host name without domain", SELF));

type type_hostname = string with is_hostname(SELF) ||
    error(format("'%s' is not a valid DNS name", SELF));

type type_fqdn = string with is_fqdn(SELF) ||
    error(format("'%s' is not a fully qualified domain name", SELF));

type type_absolute_path = string with match(SELF, '^/([^/\x00]+/?)*$') ||
    error(format("'%s' is not an absolute path", SELF));
