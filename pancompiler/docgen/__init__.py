"""The documentation site of a template library, in HTML and markdown (``panc-doc``)."""
