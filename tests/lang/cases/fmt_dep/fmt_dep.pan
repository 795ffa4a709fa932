# expect: dep
# dep lists every template, text file and absent lookup the object used.
object template fmt_dep;
include 'lib/common';
include if_exists('lib/missing');
'/text' = file_contents('data.txt');
'/there' = file_exists('nope.txt');
