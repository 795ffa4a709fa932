@{
    Validation functions that look at other profiles: a name is a profile
    when the compiler can build the object template of that name (the test
    is exists(name + ':/'), run at validation time so that circular
    references between profiles are allowed).
}
declaration template quattor/functions/validation;

include 'pan/types';

@documentation{
    desc = true when the argument names an existing profile; an error naming it otherwise
    arg = profile name (a FQDN)
}
function is_profile = {
    if (ARGC != 1 || !is_string(ARGV[0])) error("is_profile: one string argument expected");
    if (!is_fqdn(ARGV[0])) error(format("'%s' is not a profile name (a FQDN)", ARGV[0]));
    exists(ARGV[0] + ':/') || error(format("no profile of %s can be read (it is missing or failed to compile)", ARGV[0]));
};

@documentation{
    desc = true when every element of the list is an existing profile, and none appears twice
    arg = list of profile names
}
function is_profile_list = {
    if (ARGC != 1 || !is_list(ARGV[0])) error("is_profile_list: one list argument expected");
    seen = dict();
    foreach (i; name; ARGV[0]) {
        is_profile(name);
        if (exists(seen[escape(name)])) error(format("profile %s is listed twice", name));
        seen[escape(name)] = true;
    };
    true;
};
