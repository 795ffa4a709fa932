"""What the template tools (``panc-fmt``, ``panc-lint``, ``panc-doc``, ``panc-annotations``) share."""
