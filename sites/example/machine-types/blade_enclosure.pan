@{
    A blade enclosure of the site: its model's hardware and its blades from
    ENCLOSURE_DB (enclosure/blade).
}
unique template machine-types/blade_enclosure;

variable ENCLOSURE_MODEL ?= 'hardware/enclosure/hpe/c7000';

'/hardware' = create(ENCLOSURE_MODEL);
include 'enclosure/blade';
