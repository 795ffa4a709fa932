unique template common/base;

'/system/site' = 'example';
'/system/packages' = list('bash', 'coreutils', 'openssh');
