@{ One Intel Xeon Gold 6230 socket: 20 cores, 40 threads, 2.1 GHz. }
structure template hardware/cpu/intel/xeon_gold_6230;

'vendor' = 'Intel';
'model' = 'Xeon Gold 6230';
'cores' = 20;
'max_threads' = 40;
'speed' = 2100;
