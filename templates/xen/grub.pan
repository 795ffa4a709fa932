@{
    The hypervisor's boot entry in /software/components/grub/kernels: the
    Xen image as multiboot loader with dom0_mem, the dom0 kernel with the
    root device found in /system/filesystems, and its initrd. Kept last in
    xen/host/config because the versions may be set by OS templates.
}
unique template xen/grub;

include 'xen/variables';
include 'quattor/functions/filesystem';
include 'components/grub/config';

variable XEN_DOM0_ROOT_DEVICE ?= root_device_path();

'/software/components/grub/kernels' = {
    kernels = if (is_defined(SELF)) SELF else list();
    mem = to_megabytes(XEN_DOM0_MEM);
    append(kernels, dict(
        'title', format('Xen %s / Linux %s', XEN_VERSION, XEN_LINUX_VERSION),
        'multiboot', format('/xen-%s.gz', XEN_VERSION),
        'mbargs', format('dom0_mem=%dM,max:%dM', mem, mem),
        'kernelpath', '/vmlinuz-' + XEN_LINUX_VERSION,
        'kernelargs', format('root=%s %s', XEN_DOM0_ROOT_DEVICE, XEN_DOM0_KERNELARGS),
        'initrd', '/initrd.img-' + XEN_LINUX_VERSION,
    ));
};
