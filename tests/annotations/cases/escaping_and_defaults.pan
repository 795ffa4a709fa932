@{ text with <tags> & "quotes" and 'single' > done
tab	here é ü}
@doc[ k = 1 ]
template escaping_and_defaults;
@{x}
final variable V = 1;
type t = string = "a<b>&\"c\"\nd\te\x01" with true;
type u = double = 1e10;
type w = double = 0.0001;
type c = choice('a', 'b') = 'a';
type e = extensible { 'x' : long = 0x1F } (1..);
type l = long = 007;
type n = boolean = false;
type m = string = <<EOF;
heredoc
EOF
@{ on field }
type f = { @{ fld } 'a' : string = 'x' };
