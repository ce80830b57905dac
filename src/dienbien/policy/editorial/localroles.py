"""Who works in a newsroom: its unit's editors and reviewers (newsroom.py).

Computed from the unit's present code, so the roles follow a change of code
and the groups' members; a retired unit's groups are emptied
(``orgunits.groups.retire_groups``), so nobody writes there any more.
"""

from borg.localrole.interfaces import ILocalRoleProvider
from dienbien.policy.core.orgunits import group_id
from dienbien.policy.editorial.newsroom import IUnitNewsroom
from dienbien.policy.editorial.newsroom import newsroom_unit
from zope.component import adapter
from zope.interface import implementer


#: Editors add, edit the unit's drafts and submit them; reviewers see the
#: drafts and publish, return or take down.
EDITOR_ROLES = ("Contributor", "Editor")
REVIEWER_ROLES = ("Reviewer",)


@implementer(ILocalRoleProvider)
@adapter(IUnitNewsroom)
class NewsroomRoles:
    def __init__(self, context):
        self.context = context

    def _assignments(self) -> dict[str, tuple[str, ...]]:
        code = newsroom_unit(self.context)
        if not code:
            return {}
        return {
            group_id(code, "editor"): EDITOR_ROLES,
            group_id(code, "reviewer"): REVIEWER_ROLES,
        }

    def getRoles(self, principal_id):
        return self._assignments().get(principal_id, ())

    def getAllRoles(self):
        yield from self._assignments().items()
