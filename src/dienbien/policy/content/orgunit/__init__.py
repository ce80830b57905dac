"""Stored objects' path of the orgunit classes; see ``dienbien.policy.content``."""

from dienbien.policy.orgunits.orgunit import IOrgUnit  # noqa: F401
from dienbien.policy.orgunits.orgunit import OrgUnit  # noqa: F401
