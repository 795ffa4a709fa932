@{
    Places a blade in its enclosure: /hardware/chassis (the enclosure's
    profile name) and /hardware/slot, both read from ENCLOSURE_DB; an error
    when no enclosure lists the blade.
}
unique template enclosure/member;

include 'quattor/profile_base';
include 'enclosure/functions';

variable ENCLOSURE_PLACE = {
    place = enclosure_of(FULL_HOSTNAME);
    if (!is_defined(place)) error(format("blade %s is in no enclosure of ENCLOSURE_DB", FULL_HOSTNAME));
    place;
};

'/hardware/chassis' = ENCLOSURE_PLACE['chassis'];
'/hardware/slot' = ENCLOSURE_PLACE['slot'];
