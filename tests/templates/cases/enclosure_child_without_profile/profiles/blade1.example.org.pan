object template blade1.example.org;

include 'quattor/profile_base';
include 'case/site';
include 'enclosure/member';
