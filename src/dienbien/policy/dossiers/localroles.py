"""Access by unit: the groups of the units that handle a dossier get local
roles on it, computed from its ``receiving_unit`` and ``handling_unit``.

- the receiving unit's one-stop desk group: ``DossierDesk``;
- the handling unit's officers: ``DossierOfficer``; its leaders: ``DossierLeader``.

When the handling unit has retired into a successor (a reorganisation),
the officers and leaders of the unit that now answers for it get the same
roles: its open dossiers moved there, and its finished ones stay readable.

Nobody else (other units, anonymous) has a role on the dossier; what each
role may do in each state is the workflow's permission map.
"""

from borg.localrole.interfaces import ILocalRoleProvider
from dienbien.policy.core.orgunits import group_id
from dienbien.policy.core.reorganisation import resolve
from dienbien.policy.dossiers.dossier import IDossier
from dienbien.policy.orgunits.references import LazySuccession
from dienbien.policy.orgunits.references import unit_uid
from zope.component import adapter
from zope.interface import implementer


@implementer(ILocalRoleProvider)
@adapter(IDossier)
class DossierUnitRoles:
    def __init__(self, context):
        self.context = context

    def _assignments(self) -> dict[str, tuple[str, ...]]:
        assignments: dict[str, set[str]] = {}
        receiving = self.context.receiving_unit
        handling = self.context.handling_unit
        if receiving:
            assignments.setdefault(group_id(receiving, "desk"), set()).add(
                "DossierDesk"
            )
        handlers = [handling] if handling else []
        succession = LazySuccession()
        if handling and succession.retired(unit_uid(self.context, "handling_unit")):
            handlers.append(resolve(handling, succession))
        for unit in handlers:
            assignments.setdefault(group_id(unit, "officer"), set()).add(
                "DossierOfficer"
            )
            assignments.setdefault(group_id(unit, "leader"), set()).add("DossierLeader")
        return {
            principal: tuple(sorted(roles)) for principal, roles in assignments.items()
        }

    def getRoles(self, principal_id):
        return self._assignments().get(principal_id, ())

    def getAllRoles(self):
        yield from self._assignments().items()
