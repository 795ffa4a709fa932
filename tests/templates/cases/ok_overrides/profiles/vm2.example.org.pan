object template vm2.example.org;

variable CASE_IP = '10.10.0.102';
variable CASE_MAC = '00:16:3e:00:00:02';
variable XEN_INDEPENDENT_WALLCLOCK = false;
'/software/components/ntpd' = dict('active', true, 'servers', list('10.10.0.2'));
include 'case/xen_guest';
