"""The fixed pan text of the benchmark workload (the parts that are not generated).

``generate.py`` combines these templates with the generated ones: the
``pan/`` and ``quattor/`` declaration templates (basic types, validation and
helper functions, the profile schema bound to ``/``), three hand-written
components (``accounts``, ``grub``, ``metaconfig``) and the ``site/``
templates that compose a node (variables with ``?=``, computed includes,
``if_exists``, ``create()`` of a structure template, ``final``, ``valid``).
Each value is the text of one template without the generated-file header.
"""

PAN_FUNCTIONS = r"""declaration template pan/functions;

@documentation{
    desc = checks that the argument is a dotted-quad IPv4 address
    arg = the string to check
}
function is_ipv4 = {
    if (ARGC != 1 || !is_string(ARGV[0])) error('is_ipv4: requires exactly one string argument');
    if (!match(ARGV[0], '^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$')) return(false);
    foreach (i; octet; split('\.', ARGV[0])) {
        if (to_long(octet) > 255) return(false);
    };
    true;
};

@documentation{
    desc = checks that the argument is a host name (RFC 1123 labels) or an IPv4 address
    arg = the string to check
}
function is_hostname = {
    if (ARGC != 1 || !is_string(ARGV[0])) error('is_hostname: requires exactly one string argument');
    name = ARGV[0];
    if (length(name) < 1 || length(name) > 253) return(false);
    if (is_ipv4(name)) return(true);
    foreach (i; label; split('\.', name)) {
        if (!match(label, '^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$')) return(false);
    };
    true;
};

@documentation{
    desc = checks that the argument is a fully qualified domain name
}
function is_fqdn = {
    is_hostname(ARGV[0]) && index('.', ARGV[0]) > 0;
};

@documentation{
    desc = converts a dotted-quad IPv4 address to a long
}
function ip_to_long = {
    r = 0;
    foreach (i; octet; split('\.', ARGV[0])) r = r * 256 + to_long(octet);
    r;
};

@documentation{
    desc = converts a long to a dotted-quad IPv4 address
}
function long_to_ip = {
    n = ARGV[0];
    format('%d.%d.%d.%d', (n / 16777216) % 256, (n / 65536) % 256, (n / 256) % 256, n % 256);
};

@documentation{
    desc = a valid netmask is a run of ones followed by zeros
}
function is_netmask = {
    if (!is_ipv4(ARGV[0])) return(false);
    inv = 4294967295 - ip_to_long(ARGV[0]);
    (inv & (inv + 1)) == 0;
};

@documentation{
    desc = true when ARGV[0] is in the subnet of ARGV[1] with netmask ARGV[2]
}
function ip_in_subnet = {
    mask = ip_to_long(ARGV[2]);
    (ip_to_long(ARGV[0]) & mask) == (ip_to_long(ARGV[1]) & mask);
};

function netmask_to_prefix = {
    n = ip_to_long(ARGV[0]);
    bits = 0;
    while (n > 0) {
        bits = bits + n % 2;
        n = n / 2;
    };
    bits;
};

function prefix_to_netmask = {
    p = ARGV[0];
    m = 0;
    for (i = 0; i < 32; i = i + 1) {
        m = m * 2;
        if (i < p) m = m + 1;
    };
    long_to_ip(m);
};
"""


PAN_TYPES = r"""declaration template pan/types;

include 'pan/functions';

type type_port = long(0..65535);
type type_ipv4 = string with is_ipv4(SELF);
type type_netmask = string with is_netmask(SELF);
type type_hostname = string with is_hostname(SELF);
type type_fqdn = string with is_fqdn(SELF);
type type_absolute_path = string with match(SELF, '^/');
type type_mac = string with match(to_lowercase(SELF), '^([0-9a-f]{2}:){5}[0-9a-f]{2}$');
type type_email = string with match(SELF, '^[^@\s]+@[^@\s]+\.[a-z]+$');
type type_username = string(1..32) with match(SELF, '^[a-z_][a-z0-9_-]*$');
type type_octal_mode = long(0..4095);
type type_percentage = long(0..100);
type type_uid = long(0..4294967294);
type type_timezone = string with match(SELF, '^[A-Z][A-Za-z_]+(/[A-Za-z_]+)?$');
type type_mountpoint = string with match(SELF, '^/') || SELF == 'swap';
"""


PAN_UNITS = """declaration template pan/units;

final variable KB = 1024;
final variable MB = 1024 * KB;
final variable GB = 1024 * MB;
final variable TB = 1024 * GB;
"""


FUNCTIONS_HARDWARE = r"""declaration template quattor/functions/hardware;

include 'pan/units';

@documentation{
    desc = total RAM in MB of a list of DIMMs
}
function ram_total = {
    t = 0;
    foreach (i; dimm; ARGV[0]) t = t + dimm['size'];
    t;
};

function disk_total = {
    t = 0;
    foreach (name; disk; ARGV[0]) t = t + disk['capacity'];
    t;
};

function cpu_cores = {
    n = 0;
    foreach (i; cpu; ARGV[0]) n = n + cpu['cores'];
    n;
};

function hardware_class = {
    ram = ARGV[0] * MB;
    if (ram >= 512 * GB) 'huge'
    else if (ram >= 128 * GB) 'large'
    else if (ram >= 32 * GB) 'medium'
    else 'small';
};

@documentation{
    desc = summary figures of a /hardware tree
}
function hardware_summary = {
    hw = ARGV[0];
    ram = ram_total(hw['ram']);
    dict(
        'ram_mb', ram,
        'disk_mb', disk_total(hw['harddisks']),
        'cores', cpu_cores(hw['cpu']),
        'sockets', length(hw['cpu']),
        'class', hardware_class(ram),
    );
};

function hardware_is_consistent = {
    hw = ARGV[0];
    boot = 0;
    foreach (name; nic; hw['cards']['nic']) {
        if (exists(nic['boot']) && nic['boot']) boot = boot + 1;
    };
    if (boot > 1) error(format('%d network cards are marked as boot device', boot));
    if (exists(hw['summary'])) {
        if (hw['summary']['ram_mb'] != ram_total(hw['ram']))
            error(format('RAM summary %d MB does not match the DIMMs (%d MB)',
                         hw['summary']['ram_mb'], ram_total(hw['ram'])));
    };
    true;
};
"""


FUNCTIONS_NETWORK = r"""declaration template quattor/functions/network;

include 'pan/functions';

function broadcast_address = {
    mask = ip_to_long(ARGV[1]);
    long_to_ip((ip_to_long(ARGV[0]) & mask) + (4294967295 - mask));
};

function network_address = {
    long_to_ip(ip_to_long(ARGV[0]) & ip_to_long(ARGV[1]));
};

@documentation{
    desc = interface configuration for an address on a site network
    arg = IPv4 address
    arg = network description: dict with netmask and optional gateway and mtu
}
function interface_config = {
    ip = ARGV[0];
    net = ARGV[1];
    cfg = dict(
        'ip', ip,
        'netmask', net['netmask'],
        'broadcast', broadcast_address(ip, net['netmask']),
        'bootproto', 'static',
        'onboot', true,
    );
    if (exists(net['gateway'])) cfg['gateway'] = net['gateway'];
    if (exists(net['mtu'])) cfg['mtu'] = net['mtu'];
    if (exists(net['routes'])) cfg['route'] = net['routes'];
    cfg;
};

function interface_is_valid = {
    cfg = ARGV[0];
    if (cfg['bootproto'] == 'static') {
        if (!exists(cfg['ip']) || !exists(cfg['netmask'])) error('a static interface needs ip and netmask');
        if (exists(cfg['gateway']) && !ip_in_subnet(cfg['gateway'], cfg['ip'], cfg['netmask']))
            error(format('gateway %s is not in the subnet of %s/%d', cfg['gateway'], cfg['ip'],
                         netmask_to_prefix(cfg['netmask'])));
    };
    if (exists(cfg['route'])) {
        foreach (i; r; cfg['route']) {
            if (network_address(r['address'], r['netmask']) != r['address'])
                error(format('route %s/%s is not a network address', r['address'], r['netmask']));
        };
    };
    true;
};
"""


FUNCTIONS_FILESYSTEM = r"""declaration template quattor/functions/filesystem;

@documentation{
    desc = partition device name: sda + 1 gives sda1, nvme0n1 + 1 gives nvme0n1p1
}
function partition_name = {
    disk = ARGV[0];
    if (match(disk, '\d$')) format('%sp%d', disk, ARGV[1]) else format('%s%d', disk, ARGV[1]);
};

@documentation{
    desc = partitions and filesystems for a layout on one disk
    arg = disk name
    arg = list of dict(mount, size, type)
}
function filesystem_layout = {
    disk = ARGV[0];
    parts = dict();
    fss = list();
    foreach (i; fs; ARGV[1]) {
        pname = partition_name(disk, i + 1);
        parts[pname] = dict('holding_dev', disk, 'size', fs['size']);
        fss[length(fss)] = dict(
            'mountpoint', fs['mount'],
            'block_device', 'partitions/' + pname,
            'type', fs['type'],
            'format', true,
            'label', to_uppercase(replace('[^a-z0-9]', '', fs['mount'] + fs['type'])),
            'pass', if (fs['type'] == 'swap') 0 else if (fs['mount'] == '/') 1 else 2,
        );
    };
    dict('partitions', parts, 'filesystems', fss);
};

function system_is_valid = {
    sys = ARGV[0];
    seen = dict();
    root = false;
    foreach (i; fs; sys['filesystems']) {
        k = escape(fs['mountpoint']);
        if (exists(seen[k])) error(format('mountpoint %s is defined twice', fs['mountpoint']));
        seen[k] = true;
        if (fs['mountpoint'] == '/') root = true;
    };
    if (!root) error('no filesystem is mounted on /');
    true;
};
"""


FUNCTIONS_PACKAGE = r"""declaration template quattor/functions/package;

@documentation{
    desc = replace every version of a package by the given one (works on SELF)
    arg = package name
    arg = version (optional, empty means any)
    arg = architecture (optional, default noarch)
}
function pkg_repl = {
    if (ARGC < 1 || ARGC > 3) error(format('pkg_repl: expected 1 to 3 arguments, got %d', ARGC));
    pkgs = if (is_dict(SELF)) SELF else dict();
    version = if (ARGC > 1) ARGV[1] else '';
    arch = if (ARGC > 2) ARGV[2] else 'noarch';
    pkgs[escape(ARGV[0])] = dict(escape(version), dict('arch', dict(arch, '')));
    pkgs;
};

@documentation{
    desc = add a version of a package, keeping the others (works on SELF)
}
function pkg_add = {
    pkgs = if (is_dict(SELF)) SELF else dict();
    name = escape(ARGV[0]);
    version = escape(if (ARGC > 1) ARGV[1] else '');
    arch = if (ARGC > 2) ARGV[2] else 'noarch';
    if (!exists(pkgs[name])) pkgs[name] = dict();
    pkgs[name][version] = dict('arch', dict(arch, ''));
    pkgs;
};

@documentation{
    desc = add all packages of a dict name -> version for one architecture (works on SELF)
}
function pkg_add_all = {
    pkgs = if (is_dict(SELF)) SELF else dict();
    arch = if (ARGC > 1) ARGV[1] else 'x86_64';
    debug(format('pkg_add_all: adding %d packages for %s', length(ARGV[0]), arch));
    foreach (name; version; ARGV[0]) {
        pkgs[escape(name)] = dict(escape(version), dict('arch', dict(arch, '')));
    };
    pkgs;
};
"""


FUNCTIONS_TEXT = r"""declaration template quattor/functions/text;

function to_identifier = {
    replace('[^a-z0-9_]', '_', to_lowercase(ARGV[0]));
};

function short_hostname = {
    n = ARGV[0];
    i = index('.', n);
    if (i < 0) n else substr(n, 0, i);
};

@documentation{
    desc = major, minor, patch and release numbers of a kernel version string
}
function kernel_version_parts = {
    m = matches(ARGV[0], '^(\d+)\.(\d+)\.(\d+)-(\d+)');
    if (length(m) == 0) error(format('cannot parse kernel version %s', ARGV[0]));
    dict('major', to_long(m[1]), 'minor', to_long(m[2]), 'patch', to_long(m[3]), 'release', m[4]);
};

@documentation{
    desc = the keys of a dict, in order, using the first/next iterator
}
function dict_keys = {
    d = ARGV[0];
    keys = list();
    ok = first(d, k, v);
    while (ok) {
        keys[length(keys)] = k;
        ok = next(d, k, v);
    };
    keys;
};

function join_dict = {
    items = list();
    foreach (k; v; ARGV[0]) items[length(items)] = format('%s=%s', k, to_string(v));
    join(ARGV[1], items);
};
"""


TYPES_COMPONENT = r"""declaration template quattor/types/component;

include 'pan/types';

function component_dependencies_ok = {
    cfg = ARGV[0];
    if (exists(cfg['dependencies']) && exists(cfg['dependencies']['pre'])) {
        foreach (i; dep; cfg['dependencies']['pre']) {
            if (!path_exists('/software/components/' + dep))
                error(format('component dependency %s is not configured', dep));
        };
    };
    true;
};

type structure_component_dependency = {
    'pre' ? string[]
    'post' ? string[]
};

type structure_component = {
    'active' : boolean = true
    'dispatch' : boolean = true
    'dependencies' ? structure_component_dependency
    'version' ? string
    'noaction' ? boolean
};

type structure_component_any = extensible {
    include structure_component
} with component_dependencies_ok(SELF);
"""


TYPES_HARDWARE = r"""declaration template quattor/types/hardware;

include 'pan/types';
include 'quattor/functions/hardware';

type structure_cpu = {
    'manufacturer' : string
    'model' : string
    'speed' : long(100..10000)
    'arch' : choice('x86_64', 'aarch64', 'ppc64le')
    'cores' : long(1..256)
    'max_threads' ? long(1..512)
};

type structure_ram = {
    'size' : long(512..)
    'type' ? choice('DDR3', 'DDR4', 'DDR5')
};

type structure_harddisk = {
    'capacity' : long(1..)
    'interface' : choice('sata', 'sas', 'nvme', 'scsi', 'virtio')
    'model' ? string
    'boot' ? boolean
};

type structure_nic = {
    'hwaddr' : type_mac
    'boot' ? boolean
    'pxe' ? boolean
    'driver' ? string
    'maxspeed' ? long(10..400000)
};

type structure_ipmi = {
    'hwaddr' : type_mac
    'channel' : long(0..15) = 1
    'user' ? type_username
};

type structure_cards = {
    'nic' : structure_nic{1..}
    'ipmi' ? structure_ipmi
};

type structure_hardware_summary = {
    'ram_mb' : long(0..)
    'disk_mb' : long(0..)
    'cores' : long(1..)
    'sockets' : long(1..)
    'class' : choice('small', 'medium', 'large', 'huge')
};

type structure_hardware = {
    'manufacturer' : string
    'model' : string
    'serialnumber' ? string
    'location' ? string
    'cpu' : structure_cpu[1..]
    'ram' : structure_ram[1..]
    'harddisks' : structure_harddisk{1..}
    'cards' : structure_cards
    'summary' ? structure_hardware_summary
    'bios' ? {
        'version' : string
        'releasedate' ? string
    }
} with hardware_is_consistent(SELF);
"""


TYPES_NETWORK = r"""declaration template quattor/types/network;

include 'pan/types';
include 'quattor/functions/network';

type structure_route = {
    'address' : type_ipv4
    'netmask' : type_netmask
    'gateway' ? type_ipv4
};

type structure_interface = {
    'ip' ? type_ipv4
    'netmask' ? type_netmask
    'gateway' ? type_ipv4
    'broadcast' ? type_ipv4
    'bootproto' : choice('static', 'dhcp', 'none') = 'static'
    'onboot' : boolean = true
    'mtu' ? long(576..9216)
    'master' ? string
    'bonding_opts' ? string{}
    'route' ? structure_route[]
} with interface_is_valid(SELF);

type structure_network = {
    'hostname' : type_hostname
    'domainname' : type_fqdn
    'default_gateway' ? type_ipv4
    'nameserver' ? type_ipv4[1..3]
    'interfaces' : structure_interface{1..}
    'hosts' ? type_ipv4{}
    'set_hwaddr' : boolean = false
};
"""


TYPES_SYSTEM = r"""declaration template quattor/types/system;

include 'pan/types';
include 'quattor/types/network';
include 'quattor/functions/filesystem';

type structure_partition = {
    'holding_dev' : string
    'size' ? long(0..)
    'type' : choice('primary', 'extended', 'logical') = 'primary'
};

type structure_filesystem = {
    'mountpoint' : type_mountpoint
    'block_device' : string
    'type' : choice('ext4', 'xfs', 'swap', 'tmpfs', 'vfat', 'btrfs')
    'format' : boolean = false
    'preserve' : boolean = true
    'mount' : boolean = true
    'mountopts' : string = 'defaults'
    'freq' : long(0..1) = 0
    'pass' : long(0..2) = 0
    'label' ? string(1..16)
};

type structure_blockdevices = {
    'partitions' ? structure_partition{}
    'physical_devs' ? {
        'label' : choice('gpt', 'msdos')
    }{}
};

type structure_kernel = {
    'version' : string
    'modules' ? string[]
    'cmdline' ? string
};

type structure_os = {
    'name' : string
    'version' : string
    'major' : long(5..10)
    'arch' : choice('x86_64', 'aarch64')
    'release' ? string
};

type structure_cluster = {
    'name' : string
    'peers' ? type_fqdn[]
};

type structure_siteinfo = {
    'name' : string
    'contact' : type_email
    'location' ? string
};

type structure_system = {
    'network' : structure_network
    'filesystems' : structure_filesystem[1..]
    'blockdevices' ? structure_blockdevices
    'kernel' : structure_kernel
    'os' : structure_os
    'timezone' : type_timezone = 'UTC'
    'cluster' ? structure_cluster
    'roles' : string[]
    'rootmail' ? type_email
    'siteinfo' ? structure_siteinfo
    # digest() output: hex without leading zeros (panc uses BigInteger.toString(16))
    'machine_id' ? string with match(SELF, '^[0-9a-f]{1,64}$')
} with system_is_valid(SELF);
"""


TYPES_SOFTWARE = r"""declaration template quattor/types/software;

include 'pan/types';
include 'quattor/types/component';

type structure_package_version = {
    'arch' : string{}
};

type structure_protocol = {
    'name' : choice('http', 'https', 'ftp', 'file')
    'url' : string with match(SELF, '^(https?|ftp|file)://')
};

type structure_repository = {
    'name' : string
    'owner' ? type_email
    'protocols' : structure_protocol[1..]
    'enabled' : boolean = true
    'priority' ? long(1..99)
    'gpgcheck' : boolean = true
    'excludepkgs' ? string[]
};

type structure_software = {
    'components' ? structure_component_any{}
    'packages' ? structure_package_version{}{}
    'repositories' ? structure_repository[]
};
"""


SCHEMA = """declaration template quattor/schema;

include 'quattor/types/hardware';
include 'quattor/types/system';
include 'quattor/types/software';

type structure_profile = {
    'hardware' : structure_hardware
    'system' : structure_system
    'software' : structure_software
};

bind '/' = structure_profile;
"""


STATIC_TEMPLATES = {
    "pan/functions": PAN_FUNCTIONS,
    "pan/types": PAN_TYPES,
    "pan/units": PAN_UNITS,
    "quattor/functions/hardware": FUNCTIONS_HARDWARE,
    "quattor/functions/network": FUNCTIONS_NETWORK,
    "quattor/functions/filesystem": FUNCTIONS_FILESYSTEM,
    "quattor/functions/package": FUNCTIONS_PACKAGE,
    "quattor/functions/text": FUNCTIONS_TEXT,
    "quattor/types/component": TYPES_COMPONENT,
    "quattor/types/hardware": TYPES_HARDWARE,
    "quattor/types/network": TYPES_NETWORK,
    "quattor/types/system": TYPES_SYSTEM,
    "quattor/types/software": TYPES_SOFTWARE,
    "quattor/schema": SCHEMA,
}


ACCOUNTS_SCHEMA = r"""declaration template components/accounts/schema;

include 'quattor/types/component';

type structure_useraccount = {
    'comment' ? string
    'homeDir' ? type_absolute_path
    'createHome' : boolean = true
    'groups' ? string[]
    'password' ? string
    'shell' : type_absolute_path = '/bin/bash'
    'uid' : type_uid
    'ssh_keys' ? string[]
};

type structure_groupaccount = {
    'gid' : type_uid
    'comment' ? string
};

function accounts_valid = {
    cfg = ARGV[0];
    uids = dict();
    if (exists(cfg['users'])) {
        foreach (name; user; cfg['users']) {
            ukey = 'u' + to_string(user['uid']);
            if (exists(uids[ukey])) error(format('uid %d is used by %s and %s', user['uid'], uids[ukey], name));
            uids[ukey] = name;
            if (exists(user['groups'])) {
                foreach (i; g; user['groups']) {
                    if (!exists(cfg['groups'][g])) error(format('user %s: unknown group %s', name, g));
                };
            };
        };
    };
    true;
};

type component_accounts_type = {
    include structure_component
    'rootpwd' ? string
    'shadowpwd' : boolean = true
    'users' ? structure_useraccount{}
    'groups' ? structure_groupaccount{}
    'remove_unknown' : boolean = false
    'login_defs' ? {
        'uid_min' : long = 1000
        'uid_max' : long = 60000
        'pass_max_days' ? long
    }
} with accounts_valid(SELF);
"""


ACCOUNTS_CONFIG = r"""unique template components/accounts/config;

include 'components/accounts/schema';

bind '/software/components/accounts' = component_accounts_type;

'/software/packages' = pkg_repl('ncm-accounts', '24.10.0-1', 'noarch');

prefix '/software/components/accounts';
'active' ?= true;
'dispatch' ?= true;
'dependencies/pre' ?= list('spma');
'rootpwd' ?= ROOT_PASSWORD_HASH;
'login_defs/pass_max_days' = 90;
'groups' = {
    g = dict();
    foreach (name; gid; SITE_GROUPS) g[name] = dict('gid', gid, 'comment', format('site group %s', name));
    g;
};
'users' = {
    u = dict();
    foreach (name; info; SITE_USERS) {
        u[name] = dict(
            'uid', info['uid'],
            'groups', info['groups'],
            'comment', info['comment'],
            'homeDir', '/home/' + name,
            'password', '!',
        );
        if (exists(info['keys'])) u[name]['ssh_keys'] = info['keys'];
    };
    u;
};
"""


GRUB_SCHEMA = r"""declaration template components/grub/schema;

include 'quattor/types/component';

type structure_grub_kernel = {
    'kernelpath' : string
    'kernelargs' ? string
    'title' ? string
    'initrd' ? string
    'multiboot' ? string
    'mbargs' ? string
};

type component_grub_type = {
    include structure_component
    'prefix' : string = '/boot'
    'args' ? string
    'fullcontrol' : boolean = false
    'kernels' ? structure_grub_kernel[]
};
"""


GRUB_CONFIG = r"""unique template components/grub/config;

include 'components/grub/schema';

bind '/software/components/grub' = component_grub_type;

'/software/packages' = pkg_repl('ncm-grub', '24.10.0-1', 'noarch');

prefix '/software/components/grub';
'active' ?= true;
'dependencies/pre' ?= list('spma');
'args' ?= join(' ', KERNEL_ARGS);
'kernels' = {
    kv = kernel_version_parts(KERNEL_VERSION);
    append(dict(
        'kernelpath', format('/vmlinuz-%s', KERNEL_VERSION),
        'kernelargs', join(' ', KERNEL_ARGS),
        'title', format('%s %d.%d (%s)', to_uppercase(OS_VERSION), kv['major'], kv['minor'], kv['release']),
        'initrd', format('/initramfs-%s.img', KERNEL_VERSION),
    ));
};
"""


METACONFIG_SCHEMA = r"""declaration template components/metaconfig/schema;

include 'quattor/types/component';

type structure_metaconfig_service = {
    'module' : string
    'mode' : type_octal_mode = 0644
    'owner' : type_username = 'root'
    'group' : type_username = 'root'
    'daemons' ? choice('restart', 'reload', 'stop'){}
    'backup' ? string
    'preamble' ? string
    'contents' : dict
};

type component_metaconfig_type = {
    include structure_component
    'services' ? structure_metaconfig_service{}
};
"""


METACONFIG_CONFIG = r"""unique template components/metaconfig/config;

include 'components/metaconfig/schema';

bind '/software/components/metaconfig' = component_metaconfig_type;

'/software/packages' = pkg_repl('ncm-metaconfig', '24.10.0-1', 'noarch');

prefix '/software/components/metaconfig';
'active' ?= true;
'dispatch' ?= true;
'dependencies/pre' ?= list('spma');
"""


HANDWRITTEN_COMPONENTS = {
    "accounts": (ACCOUNTS_SCHEMA, ACCOUNTS_CONFIG),
    "grub": (GRUB_SCHEMA, GRUB_CONFIG),
    "metaconfig": (METACONFIG_SCHEMA, METACONFIG_CONFIG),
}


SITE_OS_EL8 = """template site/os/el8;

# site tweaks for el8 nodes only (pulled in with if_exists)
'/system/kernel/modules' = append('nfsv4');
'/software/components/sysctl/active' = true;
"""


SITE_VARIABLES_HEAD = """template site/variables;

variable DOMAIN ?= 'example.org';
variable FULL_HOSTNAME ?= HOSTNAME + '.' + DOMAIN;
variable SITE_CONTACT ?= 'admins@example.org';
variable SITE_LOCATION ?= 'Building 4, room 101';
variable SITE_TIMEZONE ?= 'Europe/Amsterdam';
variable SITE_CLUSTER ?= 'production';
variable SITE_REPO_URL ?= 'https://repo.example.org/mirror';
variable ROOT_PASSWORD_HASH ?= '$6$examplesalt$' + digest('SHA-256', 'not-a-real-password');
variable SITE_NAMESERVERS ?= list('10.0.0.53', '10.0.1.53');
variable SITE_NETWORKS ?= dict(
    'public', dict('netmask', prefix_to_netmask(16), 'gateway', '10.1.255.254', 'mtu', 1500),
    'storage', dict('netmask', prefix_to_netmask(16), 'mtu', 9000, 'routes', list(
        dict('address', '10.3.0.0', 'netmask', '255.255.0.0', 'gateway', '10.2.255.253'),
    )),
);
variable SITE_HOSTS ?= dict(
    'ns1', '10.0.0.53',
    'ns2', '10.0.1.53',
    'repo', '10.0.0.80',
    'quattor', '10.0.0.81',
    'monitor', '10.0.0.90',
);
variable FILESYSTEM_LAYOUT ?= list(
    dict('mount', '/boot', 'size', 1024, 'type', 'xfs'),
    dict('mount', '/', 'size', 51200, 'type', 'xfs'),
    dict('mount', 'swap', 'size', 8192, 'type', 'swap'),
    dict('mount', '/var', 'size', 102400, 'type', 'xfs'),
    dict('mount', '/tmp', 'size', 20480, 'type', 'xfs'),
);
"""


SITE_CONFIG = """unique template site/config;

include 'quattor/schema';
include 'quattor/functions/package';
include 'quattor/functions/text';
include 'site/variables';

final variable SITE_NAME = 'Example Research Lab';
final '/system/siteinfo' = dict('name', SITE_NAME, 'contact', SITE_CONTACT, 'location', SITE_LOCATION);

include 'hardware/machine/' + MACHINE_MODEL;
include 'site/network';
include 'site/filesystems';
include 'os/' + OS_VERSION + '/config';
include if_exists('site/os/' + OS_VERSION);

'/system/roles' = list();
'/system/timezone' = SITE_TIMEZONE;
'/system/rootmail' = SITE_CONTACT;
'/system/cluster/name' ?= SITE_CLUSTER;

include 'site/components';
include 'site/users';
include 'site/metaconfig';
"""


SITE_NETWORK = r"""template site/network;

'/system/network/hostname' = short_hostname(FULL_HOSTNAME);
'/system/network/domainname' = DOMAIN;
'/system/network/nameserver' = SITE_NAMESERVERS;
'/system/network/default_gateway' = SITE_NETWORKS['public']['gateway'];
'/system/network/hosts' = SITE_HOSTS;
'/system/network/interfaces' = {
    ifaces = dict();
    foreach (name; nic; NODE_INTERFACES) {
        ifaces[name] = interface_config(nic['ip'], SITE_NETWORKS[nic['network']]);
    };
    ifaces;
};
'/hardware/cards/ipmi' = create('site/structures/ipmi', 'hwaddr', IPMI_HWADDR);

valid '/system/network/hostname' = match(SELF, '^[a-z][a-z0-9-]*$');
"""


SITE_IPMI = """structure template site/structures/ipmi;

'hwaddr' = '00:00:00:00:00:00';
'channel' = 1;
'user' = 'ipmiadmin';
"""


SITE_FILESYSTEMS = """template site/filesystems;

variable BOOT_DISK ?= key(value('/hardware/harddisks'), 0);
variable FS_LAYOUT = filesystem_layout(BOOT_DISK, FILESYSTEM_LAYOUT);

'/system/blockdevices/partitions' = FS_LAYOUT['partitions'];
'/system/blockdevices/physical_devs' = {
    devs = dict();
    devs[BOOT_DISK] = dict('label', 'gpt');
    devs;
};
'/system/filesystems' = FS_LAYOUT['filesystems'];
# every other disk becomes a data filesystem on the whole device
'/system/filesystems' = {
    fs = SELF;
    n = 0;
    foreach (name; disk; value('/hardware/harddisks')) {
        if (name != BOOT_DISK) {
            n = n + 1;
            append(fs, dict(
                'mountpoint', format('/data%d', n),
                'block_device', name,
                'type', 'xfs',
                'mountopts', 'defaults,noatime',
                'pass', 2,
            ));
        };
    };
    fs;
};
"""


SITE_USERS = """unique template site/users;

include 'components/accounts/config';
"""


SITE_POSTCONFIG = """template site/postconfig;

'/hardware/summary' = hardware_summary(value('/hardware'));
'/system/machine_id' = digest('SHA-256', FULL_HOSTNAME);
variable NODE_NICS = dict_keys(value('/hardware/cards/nic'));
'/system/network/set_hwaddr' = length(NODE_NICS) > 1;
'/software/components/sysctl/active' = length(value('/system/roles')) > 0;
"""
