declaration template escaped_keys;

@documentation{
    desc = keys written with braces are escaped
    arg = none
}
type escaped_t = {
    @{ a socket path }
    '{/dev/log}' ? string
    "{127.0.0.1}" ? long(0..65535)
    'plain' : string[] = list()
};

bind '/x' = escaped_t{};
