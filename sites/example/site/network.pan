@{
    The rest of /system/network once a profile has set its interfaces: host
    and domain name from the profile name, the default gateway of the first
    statically addressed interface's network, the site's name servers.
}
unique template site/network;

'/system/network/hostname' = HOSTNAME;
'/system/network/domainname' = DOMAIN;
'/system/network/default_gateway' ?= site_default_gateway(value('/system/network/interfaces'));
'/system/network/nameserver' ?= SITE_NAMESERVERS;
