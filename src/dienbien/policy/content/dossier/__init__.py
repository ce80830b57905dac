"""Stored objects' path of the dossier classes; see ``dienbien.policy.content``."""

from dienbien.policy.dossiers.dossier import Dossier  # noqa: F401
from dienbien.policy.dossiers.dossier import DossierFolder  # noqa: F401
from dienbien.policy.dossiers.dossier import IDossier  # noqa: F401
from dienbien.policy.dossiers.dossier import IDossierFolder  # noqa: F401
