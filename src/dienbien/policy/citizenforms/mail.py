"""The mail that tells a unit a question or a contact message arrived.

Recipients: the members of the chosen unit's clerical group (who receive
the unit's incoming mail), else of its leaders' group, else the site's own
address (``plone.email_from_address``); the contact form always writes to
the site's address. The mail carries what the unit needs to see the matter
— the subject, the text, whether a file is attached — and a link to the
stored submissions; the citizen's name, phone or e-mail stay on the site,
behind its permissions.
"""

from dienbien.policy import _
from dienbien.policy.core.orgunits import group_id
from dienbien.policy.orgunits.lookup import unit_title
from plone import api
from zope.i18n import translate


def unit_recipients(unit: str) -> list[str]:
    for function in ("clerical", "leader"):
        group = api.group.get(groupname=group_id(unit, function)) if unit else None
        if group is None:
            continue
        emails = []
        for member_id in group.getGroupMemberIds():
            member = api.user.get(userid=member_id)
            email = member.getProperty("email", "") if member is not None else ""
            if email and email not in emails:
                emails.append(email)
        if emails:
            return emails
    return site_recipients()


def site_recipients() -> list[str]:
    address = api.portal.get_registry_record("plone.email_from_address", default="")
    return [address] if address else []


def _text(message) -> str:
    return translate(message, target_language=api.portal.get_default_language())


def notify(form, data: dict) -> list[str]:
    """Mail the submission's unit (or the site); the addresses written to."""
    unit = data.get("unit") or ""
    recipients = unit_recipients(unit) if unit else site_recipients()
    if not recipients:
        return []
    mapping = {"form": form.Title(), "subject": data.get("subject") or ""}
    subject = _text(
        _("citizen_mail_subject", default="[${form}] ${subject}", mapping=mapping)
    )
    lines = [
        _text(
            _(
                "citizen_mail_intro",
                default='The portal received a message through the form "${form}".',
                mapping=mapping,
            )
        ),
    ]
    if unit:
        lines.append(
            _text(
                _(
                    "citizen_mail_unit",
                    default="Unit concerned: ${unit}",
                    mapping={"unit": unit_title(form, unit)},
                )
            )
        )
    lines += [
        _text(
            _(
                "citizen_mail_subject_line",
                default="Subject: ${subject}",
                mapping=mapping,
            )
        ),
        "",
        data.get("message") or "",
        "",
    ]
    if data.get("attachment"):
        lines.append(_text(_("citizen_mail_attachment", default="A file is attached.")))
    lines.append(
        _text(
            _(
                "citizen_mail_where",
                default="The sender's contact details and the file are on the "
                "portal: ${url}",
                mapping={"url": f"{form.absolute_url()}/@@cau-hoi-da-nhan"},
            )
        )
    )
    body = "\n".join(lines)
    for email in recipients:
        api.portal.send_email(recipient=email, subject=subject, body=body)
    return recipients
