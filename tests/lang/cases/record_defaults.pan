# expect: json
# Required fields get their defaults when missing; optional ones only when undef.
object template record_defaults;
type disk = {
    'size' : long(1..) = 10
    'label' ? string = 'data'
    'opts' ? string = 'defaults'
};
type host = {
    'name' : string
    'disks' : disk{}
    'port' : long(0..65535) = 22
};
bind '/host' = host;
'/host/name' = 'node1';
'/host/disks/sda' = dict();
'/host/disks/sdb/label' = undef;
