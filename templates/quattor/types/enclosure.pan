@{
    Schema of /system/enclosure, set on the parent of an enclosure relation:
    a blade enclosure lists its blades, a hypervisor its guests. The
    children must be existing profiles and there may be at most maxchildren
    of them (maxchildren alone describes an empty enclosure). As
    structure_enclosure in quattor's core schema.
}
declaration template quattor/types/enclosure;

include 'quattor/functions/validation';

@documentation{
    blade: a chassis with shared intelligence (network, disks, management);
    dumb: a chassis sharing only power; hypervisor: virtual machines.
}
type structure_enclosure = {
    "type" : string with match(SELF, '^(blade|dumb|hypervisor)$') ||
        error(format("enclosure type '%s' is not one of blade, dumb, hypervisor", SELF))
    "children" ? type_fqdn[1..] with is_profile_list(SELF)
    "maxchildren" ? long(0..)
} with {
    if (exists(SELF['children']) && exists(SELF['maxchildren']) &&
        length(SELF['children']) > SELF['maxchildren']) {
        error(format("%s enclosure has %d children, more than maxchildren %d",
            SELF['type'], length(SELF['children']), SELF['maxchildren']));
    };
    true;
};
