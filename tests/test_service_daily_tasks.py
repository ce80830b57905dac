"""The daily jobs over HTTP, for cron while the server holds the database:
``POST /@send-reminders`` and ``POST /@sync-groups``."""

from email import message_from_bytes
from plone import api
from zope.component.hooks import setSite

import transaction


DOSSIER = {
    "@type": "Dossier",
    "procedure": "2.000815",
    "channel": "in_person",
    "receiving_unit": "H15.50.MC",
    "applicant_name": "Giàng A Dơ",
    "applicant_phone": "0912 555 666",
    # Long overdue by now.
    "accepted": "2026-03-03T09:00:00+07:00",
}


def test_send_reminders(staff, manager, anonymous, one_stop):
    late = staff["clerk"].post("ho-so", json=DOSSIER).json()
    staff["clerk"].post(f"{late['@id']}/@workflow/transfer")

    # No sender configured yet: nothing is sent, and the answer says why.
    response = manager.post("@send-reminders")
    assert response.status_code == 409
    assert response.json()["errors"][0]["field"] == "plone.email_from_address"

    transaction.begin()
    setSite(one_stop)
    api.portal.set_registry_record("plone.email_from_address", "motcua@example.invalid")
    smtp_host = api.portal.get_registry_record("plone.smtp_host")
    api.portal.set_registry_record("plone.smtp_host", "")
    transaction.commit()
    # Nor without a mail server.
    response = manager.post("@send-reminders")
    assert response.status_code == 409
    assert response.json()["errors"][0]["field"] == "plone.smtp_host"

    transaction.begin()
    api.portal.set_registry_record("plone.smtp_host", smtp_host or "localhost")
    one_stop.MailHost.reset()
    transaction.commit()

    for client in (anonymous, staff["officer"], staff["leader"]):
        assert client.post("@send-reminders").status_code in (401, 403)
    assert manager.get("@send-reminders").status_code in (404, 405)

    response = manager.post("@send-reminders")
    assert response.status_code == 200, response.text
    assert response.json() == {
        "sent": 1,
        "items": [
            {
                "kind": "dossiers",
                "unit": "H15.50.03",
                "recipient": "officer@example.invalid",
            }
        ],
    }
    transaction.begin()
    (mail,) = [message_from_bytes(raw) for raw in one_stop.MailHost.messages]
    assert late["code"] in mail.get_payload(decode=True).decode("utf-8")
    assert mail["To"] == "officer@example.invalid"


def test_sync_groups(staff, manager, anonymous, one_stop):
    response = manager.post("@sync-groups")
    assert response.status_code == 200, response.text
    units = response.json()["units"]
    assert units == len(
        one_stop.portal_catalog.unrestrictedSearchResults(portal_type="OrgUnit")
    )
    for client in (anonymous, staff["officer"], staff["leader"]):
        assert client.post("@sync-groups").status_code in (401, 403)
