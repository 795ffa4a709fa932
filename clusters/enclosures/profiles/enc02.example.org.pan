@{ Blade enclosure enc02: an HPE c7000 in room 1; its blades are listed in ENCLOSURE_DB. }
object template enc02.example.org;

include 'site/enclosures/cluster_info';
include 'machine-types/blade_enclosure';

'/hardware/serialnumber' = 'CZ3020ENC';
'/hardware/location' = 'room 1, rack A02';
