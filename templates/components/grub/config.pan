@{
    Turns on ncm-grub: binds its schema and sets the component's defaults.
}
unique template components/grub/config;

include 'components/grub/schema';

prefix '/software/components/grub';
'active' ?= true;
'dispatch' ?= true;
'prefix' ?= '/boot';
