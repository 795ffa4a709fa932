@{
    Functions over a /hardware dict (of this profile or, read with value(),
    of another one): the number of CPU cores (entries times 'cores',
    default 1) and the RAM in MB (sum of the 'ram' entries).
}
declaration template quattor/functions/hardware;

@documentation{
    desc = number of cores: for each /hardware/cpu entry, its 'cores' (default 1); 0 without CPUs
    arg = a /hardware dict
}
function hardware_cores = {
    if (ARGC != 1 || !is_dict(ARGV[0])) error("hardware_cores: one dict argument (a /hardware tree) expected");
    cores = 0;
    if (exists(ARGV[0]['cpu'])) {
        foreach (i; cpu; ARGV[0]['cpu']) {
            cores = cores + (if (exists(cpu['cores'])) cpu['cores'] else 1);
        };
    };
    cores;
};

@documentation{
    desc = RAM in MB: the sum of the sizes of the /hardware/ram entries; 0 without RAM
    arg = a /hardware dict
}
function hardware_ram = {
    if (ARGC != 1 || !is_dict(ARGV[0])) error("hardware_ram: one dict argument (a /hardware tree) expected");
    size = 0;
    if (exists(ARGV[0]['ram'])) {
        foreach (i; ram; ARGV[0]['ram']) size = size + ram['size'];
    };
    size;
};
