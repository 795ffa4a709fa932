"""The node side: fetching a profile into the local cache and applying it.

A node runs ``panc-fetch`` (in the manner of quattor's ``ccm-fetch``) to
download its profile over HTTP into a cache laid out as CCM's
(``profile.<CID>/``, ``latest.cid``, ``current.cid``), ``panc-listen`` to
fetch when a push notification arrives, ``panc-query`` to read the cached
profile, and ``panc-ncd`` to run the components (``xen``, ``grub``,
``network``) that write the node's configuration files from it.  Nothing here
needs the compiler or its build state: only Python 3 and this package (the
``xen`` and ``grub`` components reuse the jinja2 templates of
``pancompiler.virt``, so a node writes what the build wrote).
"""
