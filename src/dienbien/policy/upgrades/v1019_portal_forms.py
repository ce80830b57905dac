"""Upgrade to profile version 1019 (portal-forms): the citizens' forms
``/gop-y/gui-cau-hoi`` and ``/lien-he/gui-lien-he``, with their sections when
the site has none yet (``citizenforms.setup``)."""

from dienbien.policy.citizenforms.setup import set_up_forms
from plone import api


ACTION = "dienbien-open-for-comment"
AVAILABLE = (
    "python:object.portal_type == 'LegalDocument' and "
    "object.restrictedTraverse('@@plone_context_state').workflow_state() "
    "in ('draft', 'pending')"
)


def add_citizen_forms(setup_tool=None) -> None:
    set_up_forms(api.portal.get())


def add_open_for_comment_action(setup_tool=None) -> None:
    """The draft's "Open for comment" button (``actions.xml``), alone: the
    site's other actions keep what it gave them."""
    from Products.CMFCore.ActionInformation import Action

    category = api.portal.get_tool("portal_actions").object_buttons
    if ACTION in category.objectIds():
        return
    category._setObject(
        ACTION,
        Action(
            ACTION,
            title="consultation_open_button",
            i18n_domain="dienbien.policy",
            url_expr="string:${object_url}/@@lay-y-kien",
            icon_expr="string:chat-left-text",
            available_expr=AVAILABLE,
            permissions=("Modify portal content",),
            visible=True,
        ),
    )
