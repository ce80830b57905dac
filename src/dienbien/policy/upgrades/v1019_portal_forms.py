"""Upgrade to profile version 1019 (portal-forms): the citizens' forms
``/gop-y/gui-cau-hoi`` and ``/lien-he/gui-lien-he``, with their sections when
the site has none yet (``citizenforms.setup``)."""

from dienbien.policy.citizenforms.setup import set_up_forms
from plone import api


def add_citizen_forms(setup_tool=None) -> None:
    set_up_forms(api.portal.get())
