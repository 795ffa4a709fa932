@{
    The site variables of the Xen templates (the QWG interface) with their
    defaults; a site sets them before including xen/host/config or
    xen/guest/config. XEN_DB (host FQDN -> list of guest FQDNs) is the one
    place where placement is typed. Per-guest settings (XEN_BOOTLOADER,
    XEN_BOOTARGS, XEN_DOMAIN_TYPE) are a string for all guests or a dict
    guest -> value with an optional DEFAULT entry.
}
declaration template xen/variables;

include 'xen/functions';

variable XEN_DB ?= dict();
variable XEN_PROFILE_PREFIX ?= '';
@{ desc = volume group holding the guests' logical volumes }
variable XEN_VG ?= 'xenvg';
@{ desc = memory kept by dom0: MB as a long, or a string such as '1024M' or '2G' }
variable XEN_DOM0_MEM ?= 1024;
variable XEN_BOOTLOADER ?= 'pygrub';
variable XEN_BOOTARGS ?= dict();
@{ desc = (ours) xl domain type: pv, pvh or hvm }
variable XEN_DOMAIN_TYPE ?= 'pv';
@{ desc = bridges of the host: name -> dict(netdev, vifnum), completed by xen/auto_network }
variable XEN_NETWORK_BRIDGES ?= dict();
@{ desc = guest -> NIC -> host bridge; completed by xen/auto_network }
variable XEN_VIF_BRIDGE ?= dict();
variable XEN_CREATE_FILESYSTEMS ?= false;
variable XEN_CREATE_DOMAINS ?= false;
variable XEN_INDEPENDENT_WALLCLOCK ?= true;
variable XEN_VERSION ?= '4.17';
variable XEN_LINUX_VERSION ?= '6.1.0-18-amd64';
@{ desc = (ours) arguments of the dom0 kernel after root= }
variable XEN_DOM0_KERNELARGS ?= 'ro console=hvc0';
@{ desc = (ours) maximum ratio of guest vcpus to physical cores }
variable XEN_VCPU_OVERCOMMIT ?= 4.0;
@{ desc = (ours) maximum number of guests of a host (its /system/enclosure/maxchildren) }
variable XEN_MAX_GUESTS ?= 64;
@{ desc = QWG: guest -> dict(nic, harddisks, ram_size) overriding the guest's own hardware }
variable XEN_GUESTS_MACHINE_DB ?= dict();
