"""dienbien.policy: records, correspondence and one-stop service for Vietnamese
local government, on Plone 6.2."""

from zope.i18nmessageid import MessageFactory


PACKAGE_NAME = "dienbien.policy"

_ = MessageFactory(PACKAGE_NAME)
