"""Serving a build's profiles to the nodes, and telling the nodes they changed.

``panc-serve`` (:mod:`.server`, :mod:`.files`) serves a profiles folder over
HTTP with conditional GETs and gzip; :mod:`.nginx` renders the equivalent
nginx configuration for production (and runs a throw-away nginx for tests
and benchmarks: ``tests/serve/nginx_fixture.py`` exposes it as the pytest
fixture ``nginx_server(folder) -> base_url``); :mod:`.cdp` defines quattor's
CDP notification datagram (``encode``/``decode``, shared with the node's
listener) and :mod:`.notify` sends it to the nodes whose profile changed.
"""
