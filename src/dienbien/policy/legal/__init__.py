"""Normative legal documents (see README.md)."""
