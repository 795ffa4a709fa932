object template alpha;

include 'common/base';
'/system/hostname' = 'alpha';
include 'common/ntp';
