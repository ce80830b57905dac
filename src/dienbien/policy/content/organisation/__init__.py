"""Stored objects' path of the organisation classes; see ``dienbien.policy.content``."""

from dienbien.policy.orgunits.organisation import IOrganisation  # noqa: F401
from dienbien.policy.orgunits.organisation import Organisation  # noqa: F401
