@{
    Site-wide settings of the example site, included (through a cluster's
    cluster_info) first by every profile: the schema, the site's networks,
    the Xen placement (XEN_DB) and blade placement (ENCLOSURE_DB), and the
    site functions. Cluster settings made before this template win over the
    defaults here (they use ?=).
}
unique template site/config;

include 'quattor/profile_base';
include 'site/subnets';
include 'site/xen';
include 'site/enclosure_db';
include 'enclosure/functions';
include 'site/functions';

variable SITE_NAMESERVERS ?= list('10.10.0.2', '10.10.0.3');
