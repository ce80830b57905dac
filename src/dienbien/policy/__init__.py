"""dienbien.policy: records, correspondence and one-stop service for Vietnamese
local government, on Plone 6.2."""

from zope.i18nmessageid import MessageFactory


PACKAGE_NAME = "dienbien.policy"

_ = MessageFactory(PACKAGE_NAME)


# Before any catalog is used: full-text indexing that concurrent writers
# can commit together (ops/textindex.py).
from dienbien.policy.ops import textindex  # noqa: E402


textindex.apply()
