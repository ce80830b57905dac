"""Stored objects' path of the procedure classes; see ``dienbien.policy.content``."""

from dienbien.policy.procedures.procedure import IProcedure  # noqa: F401
from dienbien.policy.procedures.procedure import ProcedureItem  # noqa: F401
