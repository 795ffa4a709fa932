@{
    Schema of /system/virtualisation (ours), set on hypervisors only: the
    hypervisor type, the memory kept by dom0 and the highest ratio of guest
    vcpus to physical cores that the site accepts.
}
declaration template quattor/types/virtualisation;

type structure_virtualisation = {
    "type" : choice('xen')
    @{ desc = memory of dom0 in MB }
    "dom0_mem" : long(1..)
    @{ desc = maximum ratio of the guests' vcpus to the host's physical cores }
    "vcpu_overcommit" : double with SELF > 0.0
};
