"""1023 → 1024: the ``document_register_key`` index (the register a numbered
document is written in), so that a year's register is one index look-up."""

from dienbien.policy.upgrades.indexing import add_and_fill


INDEX = "document_register_key"
DOCUMENT_TYPES = ("IncomingDocument", "OutgoingDocument")


def add_register_key_index(setup_tool=None, batch_size: int = 1000) -> int:
    """Add the index and index every document in it (its metadata is left
    as it is); return how many documents were indexed."""
    return add_and_fill(INDEX, "FieldIndex", DOCUMENT_TYPES, batch_size)
