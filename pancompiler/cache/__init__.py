"""Caches that outlive one compiler run (see ``templates``)."""
