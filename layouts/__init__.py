"""Component trees, one module per page."""
