"""spaCy components: one module per component, a factory around a pure core."""
