"""Built-in output formatters (``--format``), registered as plugins like third-party ones."""
