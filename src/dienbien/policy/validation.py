"""One way to check content against the domain core, for REST and forms.

A content type states its rules once, as ``problems(context, unit_like)``
returning core ``Problem``s; these classes apply them in plone.restapi (a 400
in the API's error envelope, ``services/errors.py``) and in the
classic add/edit forms (form errors), before anything is stored.
"""

from collective.z3cform.datagridfield.row import DictRow
from dienbien.policy import _
from dienbien.policy.services.errors import InvalidInput
from dienbien.policy.services.errors import json_object
from dienbien.policy.services.errors import translated
from plone.dexterity.utils import iterSchemata
from plone.restapi.deserializer.dxcontent import DeserializeFromJson
from z3c.form.interfaces import IErrorViewSnippet
from z3c.form.interfaces import IGroup
from z3c.form.validator import InvariantsValidator
from zExceptions import BadRequest
from zope.component import getMultiAdapter
from zope.interface import Invalid
from zope.schema import Choice
from zope.schema import getFields
from zope.schema import List


def _is_rows(field) -> bool:
    return isinstance(field, List) and isinstance(field.value_type, DictRow)


def _is_token(value) -> bool:
    # plone.restapi takes a token as such or as {"token": …}.
    if isinstance(value, dict):
        value = value.get("token")
    return isinstance(value, (str, int, float, bool))


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
        if len(args) < 2 and kwargs.get("data") is None:
            # Read the body here, so that one that is not a JSON object is a
            # 400 in the envelope (plone.restapi's PATCH has its own shape).
            kwargs["data"] = json_object(self.request)
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

    def malformed(self, data) -> dict:
        """``{name: message}`` for values of the wrong kind, which the stock
        field deserializers cannot read (they fail with a 500): rows (channels,
        papers…) that are not a list of objects, choices that are not a text."""
        found = {}
        for schema in iterSchemata(self.context):
            for name, field in getFields(schema).items():
                value = data.get(name)
                if value is None:
                    continue
                if _is_rows(field) and not (
                    isinstance(value, list) and all(isinstance(r, dict) for r in value)
                ):
                    found[name] = _(
                        "${name} is a list of objects, one per row.",
                        mapping={"name": name},
                    )
                elif isinstance(field, Choice) and not _is_token(value):
                    found[name] = _(
                        "${name} is one of its listed values, as text.",
                        mapping={"name": name},
                    )
        return found

    def get_schema_data(self, data, validate_all, create=False):
        malformed = self.malformed(data)
        readable = {key: value for key, value in data.items() if key not in malformed}
        schema_data, errors = super().get_schema_data(readable, validate_all, create)
        errors = [error for error in errors if error.get("field") not in malformed]
        for name, message in malformed.items():
            errors.append(
                {
                    "field": name,
                    "message": translated(message, self.request),
                    "error": "ValidationError",
                }
            )
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
        if IGroup.providedBy(self.view):
            # z3c.form asks again for each fieldset (a group), with only that
            # fieldset's fields: the rules would judge a record missing the
            # rest. The form judges the whole record once (below).
            return tuple(errors)
        submitted = dict(data)
        for group in self._groups():
            # The groups are read after the form's own fields: read them now.
            group_data, _group_errors = group.widgets.extract()
            submitted.update(group_data)
        values = {}
        for name in self.schema_interface.names():
            if name in submitted:
                values[name] = submitted[name]
            elif self.is_edit:
                values[name] = getattr(self.context, name, None)
        for problem in self.problems(values):
            error = Invalid(translated(problem, self.request))
            errors.append(error)
            self._mark(problem.field.split(".", 1)[0], error)
        return tuple(errors)

    def _groups(self) -> list:
        return [
            group
            for group in getattr(self.view, "groups", None) or ()
            if IGroup.providedBy(group)
        ]

    def _mark(self, name: str, error: Invalid) -> None:
        """Show ``error`` at its field too, as z3c.form shows a field's own
        errors: the form lists these rules' errors at its top only, and on a
        phone the clerk looked for the field to mend. A field already marked
        by its own check keeps that message."""
        managers = [self.manager, *(group.widgets for group in self._groups())]
        for manager in managers:
            widget = getattr(manager, "get", lambda name: None)(name)
            if widget is not None:
                break
        else:
            return
        if widget.error is not None or not getattr(manager, "setErrors", True):
            return
        snippet = getMultiAdapter(
            (error, self.request, widget, widget.field, self.view, self.context),
            IErrorViewSnippet,
        )
        snippet.update()
        widget.error = snippet
