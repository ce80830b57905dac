"""Official correspondence: incoming and outgoing documents (see README.md)."""
