"""Site builds and multi-object ``panc`` calls on a Dask distributed cluster.

``panc --scheduler tcp://host:port`` (or ``--dask-local N`` for a cluster of N
local worker processes) runs every object to compile as one Dask task instead
of in the local process pool; everything else of the build (what is out of
date, the incremental state, the index, the virtualisation step) stays on the
machine that runs ``panc``, which also writes every output.  ``connect`` reaches
the cluster, ``build`` submits and collects the tasks, ``tasks`` is what
workers run, and ``ship`` sends the site to workers without a shared path.
The optional dependency is ``distributed`` (``pip install 'pancompiler[dask]'``).
"""

from .connect import DaskTarget

__all__ = ["DaskTarget"]
