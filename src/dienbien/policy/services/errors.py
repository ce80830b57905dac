"""Bad input answers HTTP 400 with a JSON body naming each field and why."""

from zope.i18n import translate


def bad_request(request, errors) -> dict:
    request.response.setStatus(400)
    return {
        "type": "BadRequest",
        "message": "; ".join(
            f"{name}: {translate(message, context=request)}" for name, message in errors
        ),
        "errors": [
            {"field": name, "message": translate(message, context=request)}
            for name, message in errors
        ],
    }
