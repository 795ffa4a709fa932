@{
    Included first by every profile: the schema, and FULL_HOSTNAME (the
    profile name, a FQDN) with HOSTNAME and DOMAIN derived from it, as the
    QWG templates expect.
}
unique template quattor/profile_base;

include 'quattor/schema';

variable FULL_HOSTNAME ?= OBJECT;
variable HOSTNAME ?= {
    parts = matches(FULL_HOSTNAME, '^([^.]+)\.(.+)$');
    if (length(parts) != 3) error(format("profile name %s is not a fully qualified host name", FULL_HOSTNAME));
    parts[1];
};
variable DOMAIN ?= substr(FULL_HOSTNAME, length(HOSTNAME) + 1);
