template b;
include "a";
