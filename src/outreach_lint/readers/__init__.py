"""Built-in readers, one module per format; each is a plugin."""
