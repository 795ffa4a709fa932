object template gamma;

include 'common/base';
'/system/hostname' = 'gamma';
'/system/peer_ntp' = value('alpha:/system/ntp/servers');
