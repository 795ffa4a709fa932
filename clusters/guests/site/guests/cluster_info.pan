@{
    Settings of the guests cluster, included first by its profiles: guests
    keep their own clock; then the site's settings.
}
unique template site/guests/cluster_info;

'/system/cluster/name' = 'guests';

variable XEN_INDEPENDENT_WALLCLOCK ?= true;

include 'site/config';
