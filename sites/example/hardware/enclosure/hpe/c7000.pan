@{ HPE BladeSystem c7000 enclosure: 16 half-height slots. }
structure template hardware/enclosure/hpe/c7000;

'manufacturer' = 'HPE';
'model' = 'BladeSystem c7000';
