object template beta;

include 'common/base';
'/system/hostname' = 'beta';
