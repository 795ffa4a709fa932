@{
    Turns on ncm-xen: binds its schema and sets the component's defaults.
}
unique template components/xen/config;

include 'components/xen/schema';

prefix '/software/components/xen';
'active' ?= true;
'dispatch' ?= true;
