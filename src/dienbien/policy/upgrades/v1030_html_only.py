"""1029 → 1030: texts are written in HTML only. Plone's default allows
Textile too, so the editor showed a list of formats ("text/html") under
every text field, which no one here needs."""

from plone import api


def html_only(setup_tool=None) -> None:
    api.portal.set_registry_record("plone.allowed_types", ("text/html",))
