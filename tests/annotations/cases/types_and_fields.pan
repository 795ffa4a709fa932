@{ Template doc
with two lines }
declaration template types_and_fields;

# comment
@documentation{
    desc = a variable
    arg = something \
    continued
}
variable FOO ?= 'x';

@{ the type }
type my_t = {
    @{ field a }
    'a' : string = 'hello'
    'b' ? long(1..10) = 5
    'c' ? double = 1.5
    'd' : boolean = true
    @{e}
    include other_t
    "e" ? string[] = list('a')
} with true;

@{ func }
@foo(k = 'v''q'
kk = "x""y")
function f = { 1; };

bind '/x' = my_t;
type n_t = long(5);
type m_t = long(..5)[3] = -1;
