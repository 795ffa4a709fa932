@{
    Blade placement of the site: enclosure -> blades in slot order (slot =
    position + 1, '' for an empty slot). Each enclosure's children and each
    blade's /hardware/chassis and /hardware/slot are derived from it.
}
declaration template site/enclosure_db;

variable ENCLOSURE_DB ?= dict(
    'enc01.example.org', list('hv01.example.org', 'hv02.example.org'),
    'enc02.example.org', list('hv03.example.org', '', 'hv04.example.org'),
);
