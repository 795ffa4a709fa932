@{
    Makes a profile a blade enclosure: /system/enclosure has type blade, the
    enclosure's blades from ENCLOSURE_DB as children (each must be an
    existing profile) and ENCLOSURE_SLOTS (default 16) as maxchildren.
}
unique template enclosure/blade;

include 'quattor/profile_base';
include 'enclosure/functions';

variable ENCLOSURE_SLOTS ?= 16;

'/system/enclosure' = {
    if (!exists(ENCLOSURE_DB[FULL_HOSTNAME])) error(format("enclosure %s is not in ENCLOSURE_DB", FULL_HOSTNAME));
    if (length(ENCLOSURE_DB[FULL_HOSTNAME]) > ENCLOSURE_SLOTS) {
        error(format("ENCLOSURE_DB gives enclosure %s %d slots, it has %d (ENCLOSURE_SLOTS)",
            FULL_HOSTNAME, length(ENCLOSURE_DB[FULL_HOSTNAME]), ENCLOSURE_SLOTS));
    };
    enclosure = dict('type', 'blade', 'maxchildren', ENCLOSURE_SLOTS);
    children = enclosure_children(FULL_HOSTNAME);
    if (length(children) > 0) enclosure['children'] = children;
    enclosure;
};
