"""Template documentation: annotation comments, panc's annotation XML (``panc-annotations``)."""
