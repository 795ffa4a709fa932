object template enc1.example.org;

include 'quattor/profile_base';
include 'case/site';
include 'enclosure/blade';
