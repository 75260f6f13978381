"""Built-in output formatters; registered through the plugin manager like any plugin's."""
