"""One way to check content against the domain core, for REST and forms.

A content type states its rules once, as ``problems(context, unit_like)``
returning core ``Problem``s; these classes apply them in plone.restapi (a 400
in the API's error envelope, ``services/errors.py``) and in the
classic add/edit forms (form errors), before anything is stored.
"""

from dienbien.policy import _
from dienbien.policy.services.errors import InvalidInput
from plone.restapi.deserializer.dxcontent import DeserializeFromJson
from z3c.form.validator import InvariantsValidator
from zExceptions import BadRequest
from zope.i18n import translate
from zope.interface import Invalid


def translated(problem, request) -> str:
    return translate(_(problem.template, mapping=problem.mapping), context=request)


class CheckedDeserializer(DeserializeFromJson):
    """plone.restapi's deserializer plus the type's domain rules.

    Subclasses implement ``problems(data, failed)``: the rules' verdict on
    ``self.context`` after the stock deserializer has set the valid fields
    (``failed`` names the fields it refused, with the raw ``data``). The rules
    run before the object is added or the change announced, so a refused
    request stores nothing.
    """

    def problems(self, data, failed):  # pragma: no cover - abstract
        raise NotImplementedError

    def __call__(self, *args, **kwargs):
        try:
            return super().__call__(*args, **kwargs)
        except BadRequest as exc:
            errors = exc.args[0] if exc.args else None
            if not isinstance(errors, list):
                raise
            raise InvalidInput(
                {"field": error.get("field"), "message": error["message"]}
                for error in errors
            ) from None

    def get_schema_data(self, data, validate_all, create=False):
        schema_data, errors = super().get_schema_data(data, validate_all, create)
        failed = {error.get("field") for error in errors}
        problems = self.problems(data, failed)
        # Where the core judges a field (on the value sent, see ``problems``)
        # its messages, which name the value and the rule, replace the stock
        # ones ("Constraint not satisfied"); elsewhere the stock ones stay.
        judged = {problem.field.split(".", 1)[0] for problem in problems}
        errors = [error for error in errors if error.get("field") not in judged]
        for problem in problems:
            errors.append(
                {
                    "field": problem.field,
                    "message": translated(problem, self.request),
                    "error": "ValidationError",
                }
            )
        return schema_data, errors


class CheckedFormValidator(InvariantsValidator):
    """The same rules for classic add and edit forms (z3c.form).

    Subclasses implement ``problems(values)`` where ``values`` maps every
    schema field to the submitted value (or, on edit forms, the stored one).
    """

    schema_interface = None

    def problems(self, values):  # pragma: no cover - abstract
        raise NotImplementedError

    @property
    def is_edit(self) -> bool:
        return self.schema_interface.providedBy(self.context)

    def validate(self, data):
        errors = list(super().validate(data))
        values = {}
        for name in self.schema_interface.names():
            if name in data:
                values[name] = data[name]
            elif self.is_edit:
                values[name] = getattr(self.context, name, None)
        for problem in self.problems(values):
            errors.append(Invalid(translated(problem, self.request)))
        return tuple(errors)
