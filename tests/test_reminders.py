"""The daily reminder: officers of the handling unit get their overdue and
due-soon dossiers by e-mail; other units' officers get nothing."""

from datetime import datetime
from email import message_from_bytes
from email.header import decode_header
from email.header import make_header
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
}


def test_reminders(staff, one_stop):
    clerk = staff["clerk"]
    # Overdue on 5 Mar 2026 at 10:00: accepted 3 Mar 09:00, due 4 Mar 09:00.
    late = clerk.post(
        "ho-so", json={**DOSSIER, "accepted": "2026-03-03T09:00:00+07:00"}
    ).json()
    clerk.post(f"{late['@id']}/@workflow/transfer")
    # Due 6 Mar 09:00: before the end of the next working day.
    soon = clerk.post(
        "ho-so", json={**DOSSIER, "accepted": "2026-03-05T09:00:00+07:00"}
    ).json()
    clerk.post(f"{soon['@id']}/@workflow/transfer")
    # Due much later: not mentioned.
    later = clerk.post(
        "ho-so", json={**DOSSIER, "accepted": "2026-03-20T09:00:00+07:00"}
    ).json()
    # Returned dossiers never are.
    done = clerk.post(
        "ho-so", json={**DOSSIER, "accepted": "2026-03-02T09:00:00+07:00"}
    ).json()
    clerk.post(f"{done['@id']}/@workflow/transfer")
    staff["leader"].post(f"{done['@id']}/@workflow/resolve")
    clerk.post(f"{done['@id']}/@workflow/return_result")

    transaction.begin()  # see what the HTTP requests committed
    portal = one_stop
    setSite(portal)
    api.portal.set_registry_record("plone.email_from_address", "motcua@example.invalid")
    api.portal.set_registry_record("plone.email_from_name", "Bộ phận Một cửa")
    mailhost = portal.MailHost
    mailhost.reset()
    from dienbien.policy.dossiers.reminders import send

    sent = send(datetime(2026, 3, 5, 10, 0))
    transaction.commit()
    assert sent == [("H15.50.03", "officer@example.invalid")]
    assert len(mailhost.messages) == 1
    mail = message_from_bytes(mailhost.messages[0])
    subject = str(make_header(decode_header(mail["Subject"])))
    assert "1 hồ sơ quá hạn, 1 hồ sơ sắp đến hạn" in subject
    body = mail.get_payload(decode=True).decode("utf-8")
    assert late["code"] in body and soon["code"] in body
    assert later["code"] not in body and done["code"] not in body
    assert "Giàng A Dơ" not in body  # no personal data in mail
