"""The correspondence wing's classic pages."""
