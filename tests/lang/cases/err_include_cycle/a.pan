template a;
include "b";
