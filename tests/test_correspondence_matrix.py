"""Who may see, change and move an official document, in every state of both
document workflows, ordinary and secret (issue 10, item 6): the permission
matrix of the correspondence wing.

Each cell is checked as the person: View, Modify portal content, the
transitions the workflow offers, and whether the catalog finds the document
(its ``allowedRolesAndUsers`` follows the local roles). The expected cells
are built from two tables that say the rule in the issue's words: which
document role each person holds (``HOLDS``), and what each role may do in
each state (``VIEW``, ``MODIFY``, ``MOVES``; docs/workflows.md)."""

from dienbien.policy.core.correspondence.access import CLERK
from dienbien.policy.core.correspondence.access import DRAFTER
from dienbien.policy.core.correspondence.access import HANDLER
from dienbien.policy.core.correspondence.access import LEADER
from dienbien.policy.core.correspondence.access import READER

import pytest


UNIT = "H15.50.03"  # Phòng Tư pháp: the document's unit
OTHER = "H15.50.05"  # Phòng Tài nguyên và Môi trường: another unit
ORGANISATION = """\
code,title,kind,abbreviation,parent
H15.50,UBND huyện Điện Biên,district,UBND,
H15.50.03,Phòng Tư pháp,agency,TP,H15.50
H15.50.05,Phòng Tài nguyên và Môi trường,agency,TNMT,H15.50
"""
# person: (unit, function) — every person of the matrix but anonymous and
# the two administrators.
STAFF = {
    "clerk": (UNIT, "clerical"),
    "named_clerk": (UNIT, "clerical"),
    "leader": (UNIT, "leader"),
    "named_leader": (UNIT, "leader"),
    "officer": (UNIT, "officer"),
    "drafter": (UNIT, "officer"),
    "handler": (UNIT, "officer"),
    "cohandler": (UNIT, "officer"),
    "reader": (UNIT, "officer"),
    "other_clerk": (OTHER, "clerical"),
    "other_leader": (OTHER, "leader"),
}
PEOPLE = (*STAFF, "anonymous", "manager", "site_admin")
# Named on every document of the matrix (ordinary and secret alike: only the
# confidentiality differs). The outgoing document is drafted by ``drafter``
# and signed by ``named_leader``; the incoming one is registered by
# ``named_clerk`` and, once assigned, handled by ``handler`` with
# ``cohandler``.
READERS = ["named_clerk", "named_leader", "reader"]


def holds(person: str, kind: str, secret: bool, assigned: bool) -> set[str]:
    """The document roles a person holds on the matrix's document."""
    unit, function = STAFF.get(person, (None, None))
    drafts = kind == "outgoing" and person == "drafter"
    handles = kind == "incoming" and assigned and person in ("handler", "cohandler")
    signs = kind == "outgoing" and person == "named_leader"
    named = person in READERS or drafts or handles or signs
    by_function = {"clerical": CLERK, "leader": LEADER}.get(function)
    roles = set()
    # an ordinary document: the unit's clerical office and leaders, by group
    if unit == UNIT and by_function and not secret:
        roles.add(by_function)
    # his own roles: his part, else (on a secret document) his function in
    # the unit, else a reader
    own = set()
    if drafts:
        own.add(DRAFTER)
    if handles:
        own.add(HANDLER)
    if named and secret and unit == UNIT and by_function:
        own.add(by_function)
    if named and not own:
        own.add(READER)
    return roles | own


ALL = {CLERK, LEADER, DRAFTER, HANDLER, READER}
OUTGOING_STATES = ("draft", "pending", "approved", "issued", "sent", "recalled")
INCOMING_STATES = ("received", "registered", "assigned", "in_progress", "done")
INCOMING_STATES += ("returned",)
VIEW = {
    "outgoing": {
        state: ({DRAFTER, LEADER, READER} if state == "draft" else ALL)
        for state in OUTGOING_STATES
    },
    "incoming": {
        state: ({CLERK, LEADER, READER} if state == "received" else ALL)
        for state in INCOMING_STATES
    },
}
# The clerk may still correct an approved draft before issuing it (the
# number and notation are taken at issue).
MODIFY = {
    "outgoing": {"draft": {DRAFTER}, "approved": {CLERK}},
    "incoming": {"received": {CLERK}, "registered": {CLERK}},
}
MOVES = {
    "outgoing": {
        "draft": {DRAFTER: {"submit"}},
        "pending": {LEADER: {"approve", "return"}},
        "approved": {CLERK: {"issue"}},
        "issued": {CLERK: {"send"}, LEADER: {"recall"}},
        "sent": {LEADER: {"recall"}},
        "recalled": {},
    },
    "incoming": {
        "received": {CLERK: {"register", "return"}},
        "registered": {LEADER: {"assign"}, CLERK: {"return"}},
        "assigned": {LEADER: {"assign"}, HANDLER: {"start", "close"}},
        "in_progress": {LEADER: {"assign"}, HANDLER: {"close"}},
        "done": {},
        "returned": {},
    },
}
# How to bring a document into each state: (actor, transition).
PATHS = {
    "outgoing": {
        "draft": [],
        "pending": [("drafter", "submit")],
        "approved": [("drafter", "submit"), ("named_leader", "approve")],
        "issued": [
            ("drafter", "submit"),
            ("named_leader", "approve"),
            ("named_clerk", "issue"),
        ],
        "sent": [
            ("drafter", "submit"),
            ("named_leader", "approve"),
            ("named_clerk", "issue"),
            ("named_clerk", "send"),
        ],
        "recalled": [
            ("drafter", "submit"),
            ("named_leader", "approve"),
            ("named_clerk", "issue"),
            ("named_leader", "recall"),
        ],
    },
    "incoming": {
        "received": [],
        "registered": [("named_clerk", "register")],
        "assigned": [("named_clerk", "register"), ("named_leader", "assign")],
        "in_progress": [
            ("named_clerk", "register"),
            ("named_leader", "assign"),
            ("handler", "start"),
        ],
        "done": [
            ("named_clerk", "register"),
            ("named_leader", "assign"),
            ("handler", "start"),
            ("handler", "close"),
        ],
        "returned": [("named_clerk", "return")],
    },
}
REASONS = {"return": "Sai thể thức", "recall": "Ban hành nhầm"}
CASES = [
    (kind, state, secret)
    for kind, states in PATHS.items()
    for state in states
    for secret in (False, True)
]


def expected(kind, state, secret, person):
    assigned = kind == "incoming" and state in ("assigned", "in_progress", "done")
    roles = holds(person, kind, secret, assigned)
    moves = set()
    for role, transitions in MOVES[kind][state].items():
        if role in roles:
            moves |= transitions
    return {
        "view": bool(roles & VIEW[kind][state]),
        "modify": bool(roles & MODIFY[kind].get(state, set())),
        "moves": moves,
    }


@pytest.fixture
def matrix_people(integration):
    """The units, their groups and the people of the matrix."""
    from dienbien.policy.core.orgunits import group_id
    from dienbien.policy.orgunits.importer import import_units
    from plone import api
    from plone.app.testing import setRoles
    from plone.app.testing import TEST_USER_ID

    portal = integration["portal"]
    setRoles(portal, TEST_USER_ID, ["Manager"])
    import_units(portal, ORGANISATION, "csv")
    for person, (unit, function) in STAFF.items():
        api.user.create(username=person, email=f"{person}@example.invalid")
        api.group.add_user(groupname=group_id(unit, function), username=person)
    api.user.create(
        username="manager", email="manager@example.invalid", roles=("Manager",)
    )
    api.user.create(
        username="site_admin",
        email="site_admin@example.invalid",
        roles=("Site Administrator",),
    )
    return portal


def make_document(portal, kind: str, secret: bool):
    from dienbien.policy.correspondence.documents import new_id
    from plone import api

    common = {
        "summary": "V/v rà soát hồ sơ đất đai năm 2026",
        "urgency": "normal",
        "confidentiality": "confidential" if secret else "normal",
        "readers": list(READERS),
    }
    if kind == "outgoing":
        with api.env.adopt_user(username="drafter"):
            return api.content.create(
                container=portal["van-ban"],
                type="OutgoingDocument",
                id=new_id("outgoing"),
                unit=UNIT,
                doctype="report",
                signer="named_leader",
                internal_recipients=[],
                external_recipients=["Sở Tư pháp tỉnh Điện Biên"],
                **common,
            )
    with api.env.adopt_user(username="named_clerk"):
        return api.content.create(
            container=portal["van-ban"],
            type="IncomingDocument",
            id=new_id("incoming"),
            unit=UNIT,
            sender_name="Sở Tư pháp tỉnh Điện Biên",
            sender_notation="125/STP-VP",
            doctype="dispatch",
            **common,
        )


def assign(document):
    """What the leader's assignment form records before ``assign``."""
    document.instruction = "Đề nghị xử lý, báo cáo trước ngày 15/3"
    document.handling_unit = None
    document.handler = "handler"
    document.co_handlers = ["cohandler"]


def bring_to(document, kind: str, state: str):
    from plone import api

    for actor, transition in PATHS[kind][state]:
        if transition == "assign":
            assign(document)
        reason = {"comment": REASONS[transition]} if transition in REASONS else {}
        with api.env.adopt_user(username=actor):
            api.content.transition(obj=document, transition=transition, **reason)
    assert api.content.get_state(document) == state


def observe(portal, document, person):
    """What ``person`` may do with the document, and whether the catalog
    finds it for them."""
    from AccessControl import getSecurityManager
    from plone import api
    from plone.app.testing import login
    from plone.app.testing import logout

    workflow = api.portal.get_tool("portal_workflow")
    catalog = api.portal.get_tool("portal_catalog")

    def look():
        security = getSecurityManager()
        return {
            "view": bool(security.checkPermission("View", document)),
            "modify": bool(security.checkPermission("Modify portal content", document)),
            "moves": {t["id"] for t in workflow.getTransitionsFor(document)},
            "found": len(catalog(UID=document.UID())) == 1,
        }

    if person == "anonymous":
        logout()
        try:
            return look()
        finally:
            login(portal, "manager")
    with api.env.adopt_user(username=person):
        return look()


@pytest.mark.parametrize(("kind", "state", "secret"), CASES)
def test_permission_matrix(matrix_people, kind, state, secret):
    portal = matrix_people
    document = make_document(portal, kind, secret)
    bring_to(document, kind, state)
    problems = []
    for person in PEOPLE:
        want = expected(kind, state, secret, person)
        seen = observe(portal, document, person)
        found = seen.pop("found")
        if seen != want:
            problems.append((person, "expected", want, "got", seen))
        if found != want["view"]:
            problems.append((person, "catalog finds it", found))
    assert problems == []


def test_secret_documents_hide_from_the_units_officers_clerks_and_leaders():
    # The rule in the words, as a check of the tables above.
    for kind in ("outgoing", "incoming"):
        for person in ("clerk", "leader", "officer", "other_clerk", "other_leader"):
            assert holds(person, kind, secret=True, assigned=True) == set()
        for person in ("anonymous", "manager", "site_admin"):
            for secret in (False, True):
                assert holds(person, kind, secret, assigned=True) == set()
    assert holds("clerk", "incoming", secret=False, assigned=False) == {CLERK}
    assert holds("leader", "outgoing", secret=False, assigned=False) == {LEADER}


def incoming_by(person: str, confidentiality: str, readers: list[str]):
    from dienbien.policy.correspondence.documents import new_id
    from plone import api

    portal = api.portal.get()
    with api.env.adopt_user(username=person):
        return api.content.create(
            container=portal["van-ban"],
            type="IncomingDocument",
            id=new_id("incoming"),
            unit=UNIT,
            sender_name="Sở Tư pháp tỉnh Điện Biên",
            sender_notation="126/STP-VP",
            doctype="dispatch",
            summary="V/v bảo vệ bí mật nhà nước",
            urgency="normal",
            confidentiality=confidentiality,
            readers=readers,
        )


def test_the_clerk_who_enters_a_secret_document_is_named(matrix_people):
    document = incoming_by("clerk", "secret", ["named_leader"])
    assert list(document.readers) == ["named_leader", "clerk"]
    assert observe(matrix_people, document, "clerk")["found"]
    assert not observe(matrix_people, document, "leader")["found"]
    assert observe(matrix_people, document, "named_leader")["view"]


def test_a_clerk_who_marks_a_document_secret_keeps_it(matrix_people):
    from plone import api
    from zope.event import notify
    from zope.lifecycleevent import Attributes
    from zope.lifecycleevent import ObjectModifiedEvent

    document = incoming_by("clerk", "normal", [])
    assert observe(matrix_people, document, "leader")["found"]
    with api.env.adopt_user(username="clerk"):
        document.confidentiality = "top_secret"
        notify(ObjectModifiedEvent(document, Attributes(None, "confidentiality")))
    assert list(document.readers) == ["clerk"]
    assert observe(matrix_people, document, "clerk")["found"]
    # the catalog followed at once: the unit's leaders no longer find it
    assert not observe(matrix_people, document, "leader")["found"]
    assert not observe(matrix_people, document, "named_clerk")["found"]


@pytest.mark.parametrize("confidentiality", ["normal", "confidential"])
def test_another_units_clerk_who_creates_a_document_gets_nothing(
    matrix_people, confidentiality
):
    # Internal sending creates the recipient's incoming document as the
    # sending clerk: he owns it (Owner), which gives him nothing on it.
    document = incoming_by("other_clerk", confidentiality, ["reader"])
    assert "other_clerk" not in document.readers
    seen = observe(matrix_people, document, "other_clerk")
    assert seen == {"view": False, "modify": False, "moves": set(), "found": False}
    assert observe(matrix_people, document, "reader")["found"]


def test_changing_the_names_moves_the_access(matrix_people):
    from plone import api
    from zope.event import notify
    from zope.lifecycleevent import Attributes
    from zope.lifecycleevent import ObjectModifiedEvent

    document = make_document(matrix_people, "incoming", secret=True)
    assert observe(matrix_people, document, "reader")["found"]
    with api.env.adopt_user(username="named_clerk"):
        document.readers = ["named_clerk", "named_leader", "officer"]
        notify(ObjectModifiedEvent(document, Attributes(None, "readers")))
    assert not observe(matrix_people, document, "reader")["found"]
    assert observe(matrix_people, document, "officer")["found"]
