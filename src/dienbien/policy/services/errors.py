"""Bad input, said one way: the error envelope of our API (docs/api.md,
"Errors"), for the REST services, the content deserializers, malformed bodies
and the few views that answer a 400 themselves.

Every bad input answers HTTP 400 with plone.restapi's ``{"type", "message"}``
plus ``errors``, one ``{"field", "message"}`` per problem, in the site
language::

    {"type": "BadRequest",
     "message": "year: year must be a year from 2000 to 2100.",
     "errors": [{"field": "year", "message": "year must be a year from 2000 to 2100."}]}

Services return ``bad_request(request, problems)``; code deeper down (content
deserializers, JSON bodies) raises ``InvalidInput(problems)``, which the
exception view below renders the same way. A problem is a ``(field,
message)`` pair (``message`` a message id of our i18n domain, or text), a
core ``Problem``, or a ``{"field", "message"}`` dict; ``error_list`` turns
them into the ``errors`` entries.
"""

from dienbien.policy import _
from dienbien.policy.core.calendar import FIRST_YEAR
from dienbien.policy.core.calendar import LAST_YEAR
from dienbien.policy.core.messages import Problem
from dienbien.policy.core.numbers import is_whole
from dienbien.policy.interfaces import IDienbienPolicyLayer
from dienbien.policy.workingtime import OutsideCalendar
from dienbien.policy.workingtime import parse_local
from plone.rest.errors import ErrorHandling
from zExceptions import BadRequest
from zope.i18n import translate
from zope.i18nmessageid import Message

import json


def translated(problem, request) -> str:
    """A core ``Problem`` or a message id, in the request's language."""
    if isinstance(problem, Problem):
        problem = _(problem.template, mapping=problem.mapping)
    return translate(problem, context=request)


def as_labelled(field: str, message, labels: dict, request) -> dict:
    """One problem as a page's form says it: ``{"field", "message"}`` with
    the field's label (``labels``: parameter -> message id) for its name —
    in the message where it names the field (``${name}``, then no label
    before it), else as the entry's field. The checks are the API's, whose
    messages name parameters ("year must be a year.")."""
    label = translate(labels[field], context=request) if field in labels else field
    mapping = dict(getattr(message, "mapping", None) or {})
    if isinstance(message, Message) and mapping.get("name") == field:
        mapping["name"] = label
        return {
            "field": "",
            "message": translate(Message(message, mapping=mapping), context=request),
        }
    return {"field": label, "message": translate(message, context=request)}


def error_list(problems, request) -> list[dict]:
    """``[{"field", "message"}]``, translated, in the order given."""
    entries = []
    for problem in problems:
        if isinstance(problem, Problem):
            field, message = problem.field, problem
        elif isinstance(problem, dict):
            field, message = problem.get("field"), problem.get("message", "")
        else:
            field, message = problem
        entries.append({"field": field or "", "message": translated(message, request)})
    return entries


def envelope(problems, request, kind="BadRequest") -> dict:
    """The 400 body for ``problems`` (``kind`` names another status's error,
    as ``Conflict`` for a 409, in the same shape)."""
    entries = error_list(problems, request)
    return {
        "type": kind,
        "message": "; ".join(
            f"{e['field']}: {e['message']}" if e["field"] else e["message"]
            for e in entries
        ),
        "errors": entries,
    }


def bad_request(request, problems) -> dict:
    """Set 400 and return the envelope (a service's ``reply``)."""
    request.response.setStatus(400)
    return envelope(problems, request)


class InvalidInput(BadRequest):
    """A 400 raised where returning is not possible (deserializers, bodies)."""

    def __init__(self, problems):
        self.problems = list(problems)
        # The exception's own text names the fields only: it may reach a log,
        # and a message may quote what was sent.
        fields = (
            problem.field
            if isinstance(problem, Problem)
            else problem.get("field")
            if isinstance(problem, dict)
            else problem[0]
            for problem in self.problems
        )
        super().__init__("Invalid input: " + ", ".join(f or "-" for f in fields))


class BadRequestView(ErrorHandling):
    """Renders a ``BadRequest`` on our site's REST requests as the envelope:
    ours (``InvalidInput``) and plone.restapi's (``Property '@type' is
    required``; the control panel's list of problems), so that every 400 has
    ``errors``. Other sites keep plone.rest's rendering."""

    def __call__(self):
        if not IDienbienPolicyLayer.providedBy(self.request):
            return super().__call__()
        exc = self.context
        problems = getattr(exc, "problems", None)
        if problems is None:
            detail = exc.args[0] if exc.args else ""
            if isinstance(detail, list) and all(isinstance(d, dict) for d in detail):
                problems = detail
            else:
                problems = [("", str(exc))]
        _render_400(self.request, envelope(problems, self.request))


class MalformedBodyView(ErrorHandling):
    """plone.restapi's ``DeserializationError`` (a body that is not a JSON
    object, raised before any service of ours can check it, as in
    ``POST /ho-so``) is bad input too: 400 in the envelope, not a 500."""

    def __call__(self):
        if not IDienbienPolicyLayer.providedBy(self.request):
            return super().__call__()
        _render_400(self.request, envelope([("body", str(self.context))], self.request))


def _render_400(request, body: dict):
    response = request.response
    response.setHeader("Content-Type", "application/json")
    response.setStatus(400, lock=1)
    response.setBody(json.dumps(body, indent=2, sort_keys=True), lock=1)
    response._has_challenged = True


def json_object(request) -> dict:
    """The request's JSON body, which must be an object ({} when empty)."""
    try:
        data = json.loads(request.get("BODY") or "{}")
    except ValueError:
        raise InvalidInput([("body", _("The body is not JSON."))]) from None
    if not isinstance(data, dict):
        raise InvalidInput([("body", _("The body must be a JSON object."))])
    return data


def form_problems(form, known) -> list:
    """Unknown parameters and parameters given more than once.

    A repeated query parameter reaches the form as a list; every parameter of
    ours takes one value.
    """
    problems = [
        (name, _("Unknown parameter.")) for name in sorted(set(form) - set(known))
    ]
    problems.extend(
        (name, _("Give ${name} once.", mapping={"name": name}))
        for name in sorted(set(form) & set(known))
        if isinstance(form[name], (list, tuple))
    )
    return problems


def batch_problems(form, top: int) -> list:
    """``b_start`` a whole number, ``b_size`` one from 1 to ``top``."""
    problems = []
    for name, limit in (("b_start", None), ("b_size", top)):
        value = form.get(name)
        if value is None:
            continue
        if not is_whole(value) or (limit and not 1 <= int(value) <= limit):
            problems.append(
                (
                    name,
                    _(
                        "${name} must be a whole number${range}.",
                        mapping={
                            "name": name,
                            "range": f" from 1 to {limit}" if limit else "",
                        },
                    ),
                )
            )
    return problems


def single(form, name, default=None):
    """The value of a checked parameter, ``default`` when absent or repeated."""
    value = form.get(name, default)
    return default if isinstance(value, (list, tuple)) else value


def out_of_calendar():
    """The message for a date outside the years the calendar answers for."""
    return _(
        "The date must fall in the years ${first} to ${last}.",
        mapping={"first": FIRST_YEAR, "last": LAST_YEAR},
    )


def moment_param(name: str, value, problems: list, to_minute: bool = False):
    """A request's ISO 8601 date and time as naive local time (``parse_local``);
    ``None`` with the problem (a core ``Problem``: malformed, or outside the
    calendar's years) appended to ``problems`` when it is not one."""
    try:
        return parse_local(value, to_minute=to_minute)
    except OutsideCalendar:
        problems.append(
            Problem(
                name,
                "The date must fall in the years ${first} to ${last}.",
                {"first": FIRST_YEAR, "last": LAST_YEAR},
            )
        )
    except ValueError:
        problems.append(
            Problem(
                name, "${value} is not an ISO 8601 date and time.", {"value": value}
            )
        )
    return None
