"""Signed PDFs verified on arrival (issue 11 item 6; docs/signatures.md)."""
