"""The labels of a dossier's status, steps and timeliness, for the UI and
REST, through the ``dienbien.policy`` i18n domain (Vietnamese by default,
English when the UI is in English).

The printed slips do not use these: they are legal forms and keep the
Vietnamese texts of ``dienbien.policy.dossiers.slips.model`` and
``core.dossiers.STATUS_TITLES`` whatever the UI language.
"""

from dienbien.policy import _
from zope.i18n import translate


STATUS = {
    "submitted": _("dossier_status_submitted", default="Submitted"),
    "accepted": _("dossier_status_accepted", default="Accepted"),
    "refused": _("dossier_status_refused", default="Refused"),
    "processing": _("dossier_status_processing", default="Being processed"),
    "supplement_requested": _(
        "dossier_status_supplement_requested", default="Supplement requested"
    ),
    "awaiting_payment": _(
        "dossier_status_awaiting_payment", default="Awaiting payment of fees"
    ),
    "withdrawn": _("dossier_status_withdrawn", default="Withdrawn by the applicant"),
    "stopped": _("dossier_status_stopped", default="Processing stopped"),
    "resolved": _("dossier_status_resolved", default="Resolved"),
    "returned": _("dossier_status_returned", default="Result returned"),
}
STEPS = {
    "accept": _("dossier_step_accept", default="Accept the dossier"),
    "refuse": _("dossier_step_refuse", default="Refuse the dossier"),
    "transfer": _("dossier_step_transfer", default="Transfer to the handling unit"),
    "request_supplement": _(
        "dossier_step_request_supplement", default="Request a supplement"
    ),
    "receive_supplement": _(
        "dossier_step_receive_supplement", default="Receive the supplement"
    ),
    "request_payment": _(
        "dossier_step_request_payment", default="Request payment of fees"
    ),
    "confirm_payment": _(
        "dossier_step_confirm_payment", default="Confirm payment of fees"
    ),
    "resolve": _("dossier_step_resolve", default="Complete the processing"),
    "stop": _("dossier_step_stop", default="Stop the processing"),
    "withdraw": _("dossier_step_withdraw", default="Applicant withdraws the dossier"),
    "return_result": _("dossier_step_return_result", default="Return the result"),
    "apology": _("dossier_step_apology", default="Apologise and set a new appointment"),
    "reorganise": _(
        "dossier_step_reorganise", default="Handed over by a reorganisation"
    ),
}
TIMELINESS = {
    "early": _("dossier_timeliness_early", default="Early"),
    "on_time": _("dossier_timeliness_on_time", default="On time"),
    "late": _("dossier_timeliness_late", default="Late"),
}


def _title(messages: dict, key: str | None, request) -> str:
    message = messages.get(key or "")
    if message is None:
        return key or ""
    return translate(message, context=request)


def status_title(state: str | None, request) -> str:
    return _title(STATUS, state, request)


def step_title(action: str | None, request) -> str:
    return _title(STEPS, action, request)


def timeliness_title(value: str | None, request) -> str:
    return _title(TIMELINESS, value, request)
