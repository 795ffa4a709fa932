@{
    Reading ENCLOSURE_DB, the site's one table of blade placement:
    enclosure FQDN -> list of blade FQDNs in slot order (slot = position + 1,
    '' for an empty slot). Gives an enclosure its blades and a blade its
    chassis and slot, so placement is typed once.
}
declaration template enclosure/functions;

include 'pan/types';

variable ENCLOSURE_DB ?= dict();

@documentation{
    desc = dict(chassis, slot) of a blade from ENCLOSURE_DB, undef when no enclosure holds it; \
           an error naming the places when it is listed more than once
    arg = blade FQDN
}
function enclosure_of = {
    found = list();
    foreach (enclosure; slots; ENCLOSURE_DB) {
        foreach (i; blade; slots) {
            if (blade == ARGV[0]) found[length(found)] = dict('chassis', enclosure, 'slot', i + 1);
        };
    };
    if (length(found) > 1) {
        places = list();
        foreach (i; f; found) places[i] = format('%s slot %d', f['chassis'], f['slot']);
        error(format("blade %s is listed more than once in ENCLOSURE_DB: %s", ARGV[0], join(', ', places)));
    };
    if (length(found) == 0) return(undef);
    found[0];
};

@documentation{
    desc = the blades of an enclosure (empty slots left out), in slot order
    arg = enclosure FQDN
}
function enclosure_children = {
    children = list();
    if (exists(ENCLOSURE_DB[ARGV[0]])) {
        foreach (i; blade; ENCLOSURE_DB[ARGV[0]]) {
            if (blade != '') children[length(children)] = blade;
        };
    };
    children;
};
