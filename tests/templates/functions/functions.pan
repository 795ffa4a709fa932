@{
    Evaluates the functions of pan/functions, pan/types and
    quattor/functions/network on sample inputs; test_templates_functions.py
    compares each /r/<name> with its expected value.
}
object template functions;

include 'pan/types';
include 'quattor/functions/network';
include 'quattor/functions/hardware';

prefix '/r';
'ip4_long' = list(
    ip4_address_to_long('10.20.1.5'),
    ip4_address_to_long('255.255.255.255'),
    ip4_address_to_long('010.0.0.8')
);
'ip4_bad' = list(is_ipv4('10.0.0.256'), is_ipv4('1.2.3'), is_ipv4('a.b.c.d'), is_ipv4(7));
'prefix_length' = list(
    ip4_prefix_length('255.255.254.0'),
    ip4_prefix_length('255.255.255.255'),
    ip4_prefix_length('0.0.0.0')
);
'netmask_ok' = list(
    is_ipv4_netmask('255.255.255.0'),
    is_ipv4_netmask('255.0.255.0'),
    is_ipv4_netmask('255.255.255.1')
);
'ip4_network' = list(ip4_network('10.20.1.5', '255.255.254.0'), ip4_broadcast('10.20.1.5', '255.255.254.0'));
'ip4_in_subnet' = list(
    ip4_in_subnet('10.20.1.5', '10.20.0.11', '255.255.254.0'),
    ip4_in_subnet('10.20.2.5', '10.20.0.11', '255.255.254.0')
);
'ip6_groups' = list(
    ip6_to_list('2001:db8::1'),
    ip6_to_list('::'),
    ip6_to_list('::ffff:10.1.2.3'),
    ip6_to_list('1:2:3:4:5:6:7::')
);
'ip6_bad' = list(
    is_ipv6('1:2:3:4:5:6:7:8:9'),
    is_ipv6('1::2::3'),
    is_ipv6('12345::'),
    is_ipv6(':1:2:3:4:5:6:7'),
    is_ipv6('10.1.2.3')
);
'ip6_in_subnet' = list(
    ip6_in_subnet('2001:db8:20::5', '2001:db8:20::1', 64),
    ip6_in_subnet('2001:db8:21::5', '2001:db8:20::1', 64),
    ip6_in_subnet('2001:db8:20::5', '2001:db8:2f::1', 44),
    ip6_in_subnet('2001:db8:20::5', '2001:db8:30::1', 44)
);
'ip6_network' = list(
    is_ipv6_network('2001:db8::/64'),
    is_ipv6_network('2001:db8::/129'),
    is_ipv6_network('2001:db8::')
);
'mac' = list(
    is_hwaddr('00:16:3e:00:00:01'),
    is_hwaddr('01:16:3e:00:00:01'),
    is_hwaddr('00:16:3e:00:00'),
    is_hwaddr('00-16-3E-00-00-01'),
    is_hwaddr('00:16-3e:00:00:01')
);
'names' = list(
    is_fqdn('vm01.example.org'),
    is_fqdn('vm01'),
    is_hostname('vm01'),
    is_fqdn('10.1.2.3'),
    is_hostname('-a.b'),
    is_shorthostname('a.b')
);
'megabytes' = list(to_megabytes('4G'), to_megabytes(512), to_megabytes('1024M'), to_megabytes('1T'));
'lookup' = {
    ifaces = dict(
        'xenbr0', dict('type', 'Bridge', 'ip', '10.10.0.11', 'netmask', '255.255.255.0',
            'ipv6addr', '2001:db8:10::11/64'),
        'xenbr1', dict('type', 'Bridge', 'ip', '10.20.0.11', 'netmask', '255.255.254.0',
            'ipv6addr', '2001:db8:20::11', 'ipv6_prefix', 48),
        'xenbr2', dict('type', 'Bridge', 'ip', '10.20.1.11', 'netmask', '255.255.255.0'),
        'bond0', dict('type', 'Bond', 'bridge', 'xenbr0'),
        'eth0', dict('master', 'bond0'),
    );
    list(interface_for_address(ifaces, '10.10.0.200'), interface_for_address(ifaces, '10.20.0.9'),
         interface_for_address(ifaces, '10.20.1.9'), interface_for_address(ifaces, '2001:db8:10::99'),
         interface_for_address(ifaces, '2001:db8:20:ff::9'), interface_bridge(ifaces, 'eth0'),
         network_bond_slaves(ifaces, 'bond0'), is_defined(interface_for_address(ifaces, '192.168.1.1')));
};
'hardware' = {
    hw = dict('cpu', list(dict('vendor', 'v', 'model', 'm', 'cores', 4), dict('vendor', 'v', 'model', 'm')),
              'ram', list(dict('size', 1024), dict('size', 2048)));
    list(hardware_cores(hw), hardware_ram(hw), hardware_cores(dict()));
};
