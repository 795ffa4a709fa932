@{ One Intel Xeon Silver 4214 socket: 12 cores, 24 threads, 2.2 GHz. }
structure template hardware/cpu/intel/xeon_silver_4214;

'vendor' = 'Intel';
'model' = 'Xeon Silver 4214';
'cores' = 12;
'max_threads' = 24;
'speed' = 2200;
