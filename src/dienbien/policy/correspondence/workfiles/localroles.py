"""Access to work files follows the unit (the house pattern of
``dossiers/localroles.py``):

- on a ``WorkFilePlan``: the unit's clerical group is ``FileClerk``, its
  leader group ``FileLeader``, its officer group ``FileOfficer`` (officers
  see the plan and may add the files they keep);
- on a ``WorkFile``: its keeper (``owner``) is ``FileKeeper``; the plan's
  roles are acquired.

When the plan's unit has retired into a successor (a reorganisation), the
successor's groups get the same roles: its files stay with the unit that now
answers for them.

What each role may do in each state of a file is the workflow's permission
map (``dienbien_workfile_workflow``): officers see their own files, the
clerical office and the leaders see all files of the unit.
"""

from borg.localrole.interfaces import ILocalRoleProvider
from dienbien.policy.core.orgunits import group_id
from dienbien.policy.core.reorganisation import resolve
from dienbien.policy.correspondence.workfiles.content import IWorkFile
from dienbien.policy.correspondence.workfiles.content import IWorkFilePlan
from dienbien.policy.orgunits.references import LazySuccession
from dienbien.policy.orgunits.references import unit_uid
from zope.component import adapter
from zope.interface import implementer


PLAN_ROLES = (
    ("clerical", "FileClerk"),
    ("leader", "FileLeader"),
    ("officer", "FileOfficer"),
)


class _Roles:
    def __init__(self, context):
        self.context = context

    def _assignments(self) -> dict[str, tuple[str, ...]]:
        raise NotImplementedError

    def getRoles(self, principal_id):
        return self._assignments().get(principal_id, ())

    def getAllRoles(self):
        yield from self._assignments().items()


@implementer(ILocalRoleProvider)
@adapter(IWorkFilePlan)
class WorkFilePlanRoles(_Roles):
    def _assignments(self):
        unit = self.context.unit
        if not unit:
            return {}
        units = [unit]
        succession = LazySuccession()
        if succession.retired(unit_uid(self.context, "unit")):
            units.append(resolve(unit, succession))
        return {
            group_id(code, function): (role,)
            for code in units
            for function, role in PLAN_ROLES
        }


@implementer(ILocalRoleProvider)
@adapter(IWorkFile)
class WorkFileRoles(_Roles):
    def _assignments(self):
        owner = self.context.owner
        return {owner: ("FileKeeper",)} if owner else {}
