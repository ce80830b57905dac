"""The two citizens' forms, made by the profile and by upgrade 1019.

``/gop-y/gui-cau-hoi`` ("Hỏi đáp – Góp ý") and ``/lien-he/gui-lien-he``
("Liên hệ") are EasyForms whose fields and actions are the model files in
``models/``. The sections themselves belong to the portal's structure: when
``/gop-y`` or ``/lien-he`` does not exist yet, a plain published folder is
made with that id, and an existing section is used as it is. Nothing that
exists is changed, so running it again is harmless.
"""

from dienbien.policy import _
from dienbien.policy.citizenforms.interfaces import ICitizenForm
from dienbien.policy.citizenforms.interfaces import IQuestionForm
from dienbien.policy.citizenforms.interfaces import IQuestionSection
from plone import api
from plone.dexterity.utils import createContentInContainer
from zope.i18n import translate
from zope.interface import alsoProvides

import contextlib
import pathlib


MODELS = pathlib.Path(__file__).parent / "models"

SECTIONS = {
    "gop-y": _("section_feedback", default="Questions and suggestions"),
    "lien-he": _("section_contact", default="Contact"),
}

#: section id -> (form id, title, description, fields model, actions model,
#: marker)
FORMS = {
    "gop-y": (
        "gui-cau-hoi",
        _("citizen_form_question", default="Send a question or a suggestion"),
        _(
            "citizen_form_question_help",
            default="Ask the district's units about procedures, services or "
            "local matters. The unit you choose answers you; answers of "
            "general interest are published without your name.",
        ),
        "gop_y.xml",
        "actions_gop_y.xml",
        IQuestionForm,
    ),
    "lien-he": (
        "gui-lien-he",
        _("citizen_form_contact", default="Write to us"),
        _(
            "citizen_form_contact_help",
            default="A message to the portal's editors. For a question to a "
            "unit, use the questions and suggestions form.",
        ),
        "lien_he.xml",
        "actions_lien_he.xml",
        ICitizenForm,
    ),
}


def _text(message) -> str:
    return translate(message, target_language=api.portal.get_default_language())


def _publish(obj) -> None:
    # Without a workflow (the site's default chain is empty) an item is as
    # public as its container.
    if api.content.get_state(obj=obj, default=None) in (None, "published"):
        return
    # A workflow without that state: the item keeps its own.
    with contextlib.suppress(api.exc.InvalidParameterError):
        api.content.transition(obj=obj, to_state="published")


def section(portal, section_id: str):
    folder = portal.get(section_id)
    if folder is None:
        folder = createContentInContainer(
            portal,
            "Folder",
            checkConstraints=False,
            id=section_id,
            title=_text(SECTIONS[section_id]),
        )
        _publish(folder)
    return folder


def set_up_forms(portal) -> None:
    for section_id, (
        form_id,
        title,
        description,
        fields,
        actions,
        marker,
    ) in FORMS.items():
        folder = section(portal, section_id)
        if section_id == "gop-y" and not IQuestionSection.providedBy(folder):
            alsoProvides(folder, IQuestionSection)
        if form_id in folder.objectIds():
            continue
        form = createContentInContainer(
            folder,
            "EasyForm",
            checkConstraints=False,
            id=form_id,
            title=_text(title),
            description=_text(description),
            fields_model=(MODELS / fields).read_text("utf-8"),
            actions_model=(MODELS / actions).read_text("utf-8"),
            submitLabel=_text(_("citizen_submit", default="Send")),
            useCancelButton=False,
            thankstitle=_text(_("citizen_thanks_title", default="Thank you")),
            thanksdescription=_text(
                _(
                    "citizen_thanks",
                    default="Your message has been received and sent to the "
                    "unit concerned.",
                )
            ),
            showAll=False,
            showFields=[],  # the thank-you page repeats nothing sent
            CSRFProtection=True,
        )
        alsoProvides(form, marker)
        form.reindexObject()
        _publish(form)
