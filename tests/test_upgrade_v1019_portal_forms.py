"""Upgrade 1019 (portal-forms): a 1018 site gets the two citizens' forms; a
section the site already has is used as it is, a missing one is made; a
second run changes nothing."""

from dienbien.policy.citizenforms.interfaces import IQuestionForm
from dienbien.policy.citizenforms.interfaces import IQuestionSection
from dienbien.policy.upgrades.v1019_portal_forms import ACTION
from dienbien.policy.upgrades.v1019_portal_forms import add_citizen_forms
from dienbien.policy.upgrades.v1019_portal_forms import add_open_for_comment_action
from plone import api


def test_upgrade_from_1018(integration):
    portal = integration["portal"]
    with api.env.adopt_roles(["Manager"]):
        # As a 1018 site whose contact section was made by the portal's
        # structure, and which has no feedback section yet.
        api.content.delete(obj=portal["gop-y"])
        api.content.delete(obj=portal["lien-he"])
        api.content.create(
            container=portal, type="Folder", id="lien-he", title="Liên hệ công tác"
        )

        buttons = portal.portal_actions.object_buttons
        profile_action = buttons[ACTION]
        buttons._delObject(ACTION)
        add_citizen_forms(portal.portal_setup)
        add_citizen_forms(portal.portal_setup)
        add_open_for_comment_action(portal.portal_setup)
        add_open_for_comment_action(portal.portal_setup)

    assert portal["gop-y"].Title() == "Hỏi đáp – Góp ý"
    assert IQuestionSection.providedBy(portal["gop-y"])
    assert portal["gop-y"].objectIds() == ["gui-cau-hoi"]
    form = portal["gop-y"]["gui-cau-hoi"]
    assert form.portal_type == "EasyForm" and IQuestionForm.providedBy(form)
    assert form.Title() == "Gửi câu hỏi, góp ý"
    assert "dienbien.policy.CitizenFormUnits" in form.fields_model
    assert portal["lien-he"].Title() == "Liên hệ công tác"
    assert portal["lien-he"].objectIds() == ["gui-lien-he"]
    assert portal["lien-he"]["gui-lien-he"].Title() == "Gửi liên hệ"
    action = portal.portal_actions.object_buttons[ACTION]
    for name in ("title", "url_expr", "available_expr", "permissions", "i18n_domain"):
        assert getattr(action, name) == getattr(profile_action, name), name


def test_demo_answers_are_sample_data_and_load_once(integration):
    from dienbien.policy.citizenforms.demo import load_questions
    from dienbien.policy.citizenforms.storage import entries

    portal = integration["portal"]
    load_questions(portal)
    load_questions(portal)
    form = portal["gop-y"]["gui-cau-hoi"]
    shown = [(entry["subject"], entry["sample"]) for entry in entries(form)]
    assert shown == [
        ("Làm giấy khai sinh cho con có mất phí không?", True),
        ("Bộ phận Một cửa huyện có làm việc sáng thứ Bảy không?", True),
    ]
