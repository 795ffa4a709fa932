"""Pan's builtin functions, one module per family, collected in ``registry``."""
