@{
    Settings of the enclosures cluster (blade chassis), included first by
    its profiles: all are 16-slot HPE c7000; then the site's settings.
}
unique template site/enclosures/cluster_info;

'/system/cluster/name' = 'enclosures';

variable ENCLOSURE_MODEL ?= 'hardware/enclosure/hpe/c7000';
variable ENCLOSURE_SLOTS ?= 16;

include 'site/config';
