# expect: json
# While a variable is recomputed, SELF is the variable's own value: a local
# that holds one of its children (foreach value, plain copy) is that child,
# so changing the local changes SELF, as in panc (quattor's autofs.pan
# relies on it).  A value read from another variable stays a copy.
object template variable_self_alias;
variable MOUNTS = {
    SELF['fs'] = dict();
    SELF['fs']['home'] = dict('server', 'nfs1');
    SELF['fs']['data'] = dict('server', 'nfs2');
    SELF;
};
'/seen' = length(MOUNTS['fs']);
variable MOUNTS = {
    foreach (name; params; SELF['fs']) {
        params['mntpoint'] = '/mnt/' + name;
    };
    child = SELF['fs']['home'];
    child['checked'] = true;
    SELF;
};
'/mounts' = MOUNTS;
variable COPY = MOUNTS;
variable COPY = {
    foreach (name; params; MOUNTS['fs']) {
        params['other'] = 1;
    };
    SELF;
};
'/copy' = COPY;
