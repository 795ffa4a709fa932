@{
    Address arithmetic and small generic helpers used by the types in
    pan/types and by the Xen and network templates: IPv4 addresses as
    longs (the ip4_to_long builtin behind a strict dotted-quad check),
    subnet membership for IPv4 and IPv6, IPv6 text parsing, and memory sizes written as '1024M'/'4G'.
    Pure functions only: nothing here reads or writes the configuration tree.
}
declaration template pan/functions;

@documentation{
    desc = the IPv4 address (dotted quad, no mask) as a long, or undef when the text is not one
    arg = a string
}
function ip4_address_to_long = {
    if (ARGC != 1) error("ip4_address_to_long: one argument expected");
    s = ARGV[0];
    if (!is_string(s)) return(undef);
    octets = matches(s, '^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$');
    if (length(octets) != 5) return(undef);
    foreach (i; octet; splice(octets, 0, 1)) {
        # to_long would read a leading zero as octal: go through double
        if (to_long(to_double(octet)) > 255) return(undef);
    };
    # the builtin does the conversion once the text is known to be a plain dotted quad
    pair = ip4_to_long(s);
    pair[0];
};

@documentation{
    desc = the IPv4 address as a long; an error when the text is not a dotted quad
    arg = a string
}
function ip4_long = {
    if (ARGC != 1) error("ip4_long: one argument expected");
    result = ip4_address_to_long(ARGV[0]);
    if (!is_defined(result)) error(format("'%s' is not an IPv4 address", to_string(ARGV[0])));
    result;
};

@documentation{
    desc = the length of the prefix of a contiguous IPv4 netmask ('255.255.254.0' gives 23), \
           or undef when the mask is not contiguous or not an address
    arg = a dotted-quad netmask
}
function ip4_prefix_length = {
    if (ARGC != 1) error("ip4_prefix_length: one argument expected");
    mask = ip4_address_to_long(ARGV[0]);
    if (!is_defined(mask)) return(undef);
    # the host part must be 2^k - 1: k low bits set, nothing above them
    host = (~mask) & 0xffffffff;
    if ((host & (host + 1)) != 0) return(undef);
    bits = 32;
    while (host > 0) {
        host = host / 2;
        bits = bits - 1;
    };
    bits;
};

@documentation{
    desc = the network address (as a dotted quad) of an address and netmask
    arg = IPv4 address
    arg = IPv4 netmask
}
function ip4_network = {
    if (ARGC != 2) error("ip4_network: two arguments expected (address, netmask)");
    long_to_ip4(ip4_long(ARGV[0]) & ip4_long(ARGV[1]));
};

@documentation{
    desc = the broadcast address (as a dotted quad) of an address and netmask
    arg = IPv4 address
    arg = IPv4 netmask
}
function ip4_broadcast = {
    if (ARGC != 2) error("ip4_broadcast: two arguments expected (address, netmask)");
    mask = ip4_long(ARGV[1]);
    long_to_ip4((ip4_long(ARGV[0]) & mask) | ((~mask) & 0xffffffff));
};

@documentation{
    desc = true when the first IPv4 address lies in the subnet given by the second address and the netmask
    arg = IPv4 address to test
    arg = any IPv4 address of the subnet (usually its network address or a host of it)
    arg = IPv4 netmask of the subnet
}
function ip4_in_subnet = {
    if (ARGC != 3) error("ip4_in_subnet: three arguments expected (address, subnet address, netmask)");
    mask = ip4_long(ARGV[2]);
    (ip4_long(ARGV[0]) & mask) == (ip4_long(ARGV[1]) & mask);
};

@documentation{
    desc = the eight 16-bit groups (longs) of a textual IPv6 address, or undef when the text \
           is not one. Accepts '::' compression and a trailing dotted IPv4 part; no prefix, no zone.
    arg = a string
}
function ip6_to_list = {
    if (ARGC != 1) error("ip6_to_list: one argument expected");
    s = ARGV[0];
    if (!is_string(s) || !match(s, '^[0-9a-fA-F:.]{2,45}$')) return(undef);

    # a dotted IPv4 tail stands for the last two groups
    tail = matches(s, '^(.*:)(\d+\.\d+\.\d+\.\d+)$');
    if (length(tail) == 3) {
        v4 = ip4_address_to_long(tail[2]);
        if (!is_defined(v4)) return(undef);
        s = tail[1] + format('%x:%x', v4 / 65536, v4 % 65536);
    };
    if (match(s, '\.')) return(undef);

    halves = list(s);
    gap = index('::', s);
    if (gap >= 0) {
        if (index('::', s, gap + 1) >= 0) return(undef);
        halves = list(substr(s, 0, gap), substr(s, gap + 2));
    };

    groups = list();
    foreach (h; half; halves) {
        parts = list();
        if (half != '') {
            foreach (i; p; split(':', -1, half)) {
                if (!match(p, '^[0-9a-fA-F]{1,4}$')) return(undef);
                parts[length(parts)] = to_long(p, 16);
            };
        };
        groups[h] = parts;
    };

    if (length(groups) == 1) {
        if (length(groups[0]) != 8) return(undef);
        return(groups[0]);
    };
    missing = 8 - length(groups[0]) - length(groups[1]);
    if (missing < 1) return(undef);
    result = groups[0];
    for (i = 0; i < missing; i = i + 1) result[length(result)] = 0;
    merge(result, groups[1]);
};

@documentation{
    desc = an IPv6 address with an optional '/prefix' split into dict(address, prefix); \
           prefix is undef when absent. Errors on a malformed prefix.
    arg = a string such as '2001:db8::10/64'
}
function ip6_split = {
    if (ARGC != 1) error("ip6_split: one argument expected");
    parts = matches(ARGV[0], '^([^/]+)(?:/(\d{1,3}))?$');
    if (length(parts) == 0) error(format("'%s' is not an IPv6 address with optional prefix", ARGV[0]));
    plen = undef;
    if (length(parts) > 2 && parts[2] != '') plen = to_long(to_double(parts[2]));
    dict('address', parts[1], 'prefix', plen);
};

@documentation{
    desc = true when the first IPv6 address lies in the subnet given by the second address and a prefix length
    arg = IPv6 address to test (no prefix)
    arg = any IPv6 address of the subnet (no prefix)
    arg = prefix length, 0 to 128
}
function ip6_in_subnet = {
    if (ARGC != 3) error("ip6_in_subnet: three arguments expected (address, subnet address, prefix length)");
    a = ip6_to_list(ARGV[0]);
    n = ip6_to_list(ARGV[1]);
    if (!is_defined(a) || !is_defined(n)) {
        error(format("ip6_in_subnet: '%s' or '%s' is not an IPv6 address", ARGV[0], ARGV[1]));
    };
    bits = ARGV[2];
    if (!is_long(bits) || bits < 0 || bits > 128) error(format("ip6_in_subnet: bad prefix length %s", to_string(bits)));
    # masks[b] keeps the b high bits of a 16-bit group
    masks = list(0x0000, 0x8000, 0xc000, 0xe000, 0xf000, 0xf800, 0xfc00, 0xfe00, 0xff00,
                 0xff80, 0xffc0, 0xffe0, 0xfff0, 0xfff8, 0xfffc, 0xfffe, 0xffff);
    foreach (i; group; a) {
        b = min(16, max(0, bits - 16 * i));
        if ((group & masks[b]) != (n[i] & masks[b])) return(false);
    };
    true;
};

@documentation{
    desc = a memory size in MB from a long (already MB) or a string '<n>', '<n>M', '<n>G' or '<n>T'
    arg = the size
}
function to_megabytes = {
    if (ARGC != 1) error("to_megabytes: one argument expected");
    size = ARGV[0];
    if (is_long(size)) return(size);
    parts = matches(to_string(size), '^\s*(\d+)\s*([MmGgTt]?)[Bb]?\s*$');
    if (length(parts) != 3) error(format("'%s' is not a memory size (like 1024, '1024M' or '4G')", to_string(size)));
    n = to_long(to_double(parts[1]));
    unit = to_uppercase(parts[2]);
    if (unit == 'G') return(n * 1024);
    if (unit == 'T') return(n * 1024 * 1024);
    n;
};
