"""Bad input, said one way: HTTP 400 with a JSON body naming each field and
why, for the REST services, the content deserializers and the few views that
answer a 400 themselves.

A problem is a pair ``(field, message)`` (a message id of our i18n domain)
or a core ``Problem``; ``error_list`` turns them into the ``errors`` entries
``{"field", "message"}`` every 400 carries.
"""

from dienbien.policy import _
from dienbien.policy.core.messages import Problem
from dienbien.policy.workingtime import parse_local
from zope.i18n import translate


def translated(problem, request) -> str:
    """A core ``Problem`` or a message id, in the request's language."""
    if isinstance(problem, Problem):
        problem = _(problem.template, mapping=problem.mapping)
    return translate(problem, context=request)


def error_list(errors, request) -> list[dict]:
    """``[{"field", "message"}]`` of ``(field, message)`` pairs or Problems."""
    entries = []
    for error in errors:
        if isinstance(error, Problem):
            entries.append(
                {"field": error.field, "message": translated(error, request)}
            )
        else:
            name, message = error
            entries.append({"field": name, "message": translated(message, request)})
    return entries


def bad_request(request, errors) -> dict:
    """Set 400 and return the body: ``type``, ``message`` (all the problems
    in one line) and ``errors``."""
    request.response.setStatus(400)
    entries = error_list(errors, request)
    return {
        "type": "BadRequest",
        "message": "; ".join(f"{e['field']}: {e['message']}" for e in entries),
        "errors": entries,
    }


def not_a_moment(name: str, value) -> tuple:
    return (
        name,
        _(
            "${value} is not an ISO 8601 date and time.",
            mapping={"value": value},
        ),
    )


def moment_param(name: str, value, errors: list, to_minute: bool = False):
    """A request's ISO 8601 date and time as naive local time (``parse_local``);
    ``None`` with the problem appended to ``errors`` when it is not one."""
    try:
        return parse_local(value, to_minute=to_minute)
    except ValueError:
        errors.append(not_a_moment(name, value))
        return None
