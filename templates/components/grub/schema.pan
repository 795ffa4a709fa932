@{
    Schema of ncm-grub's configuration, /software/components/grub: boot
    entries (a kernel, or for Xen a multiboot hypervisor with the dom0
    kernel and initrd as modules), their arguments and the boot password.
    Field names follow ncm-grub.
}
declaration template components/grub/schema;

include 'quattor/types/component';

type type_kernel = {
    @{ desc = kernel path, relative to prefix }
    "kernelpath" : string with match(SELF, '^/')
    "kernelargs" ? string
    @{ desc = multiboot loader (the Xen hypervisor), relative to prefix }
    "multiboot" ? string with match(SELF, '^/')
    @{ desc = arguments of the multiboot loader (e.g. dom0_mem) }
    "mbargs" ? string
    "initrd" ? string with match(SELF, '^/')
    "title" ? string
} with {
    if (exists(SELF['mbargs']) && !exists(SELF['multiboot'])) error("mbargs without multiboot");
    true;
};

type type_grub_password = {
    "enabled" ? boolean
    "option" ? choice('md5', 'encrypted')
    "password" ? string
    "file" ? string
    "file_user" ? string
};

type component_grub_type = {
    include structure_component
    @{ desc = directory of the kernels, default /boot }
    "prefix" ? string with match(SELF, '^/')
    "args" ? string
    "fullcontrol" ? boolean
    "kernels" ? type_kernel[]
    "password" ? type_grub_password
    @{ desc = the node's boot loader, for the node-side grub component (ours); absent means grub2 }
    "loader" ? string with match(SELF, '^(grub2|legacy)$')
};

bind '/software/components/grub' = component_grub_type;
