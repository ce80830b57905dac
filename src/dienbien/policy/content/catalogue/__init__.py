"""Stored objects' path of the catalogue classes; see ``dienbien.policy.content``."""

from dienbien.policy.procedures.catalogue import IProcedureCatalogue  # noqa: F401
from dienbien.policy.procedures.catalogue import ProcedureCatalogue  # noqa: F401
