"""Work files (hồ sơ công việc, Decree 30/2020 Art. 28–30) on an integration
site: a unit's yearly plan, a file opened by its keeper, filled with what he
may see, closed, reopened by the unit's leader; who sees what; the list of
files due for the archive on an injected clock."""

from datetime import date
from dienbien.policy.core.orgunits import group_id
from dienbien.policy.correspondence.workfiles import lifecycle
from dienbien.policy.correspondence.workfiles.views import DueForArchive
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from zope.component import getMultiAdapter

import pytest


UNITS = """\
code,title,kind,abbreviation,parent
H15.50,UBND huyện Điện Biên,district,UBND,
H15.50.03,Phòng Tư pháp,agency,TP,H15.50
H15.50.05,Phòng Tài nguyên và Môi trường,agency,TNMT,H15.50
"""
PEOPLE = {
    "vanthu": ("H15.50.03", "clerical", "Lò Thị Văn"),
    "canbo": ("H15.50.03", "officer", "Quàng Văn Cán"),
    "canbo2": ("H15.50.03", "officer", "Lường Thị Hai"),
    "lanhdao": ("H15.50.03", "leader", "Cà Văn Lãnh"),
    "khac": ("H15.50.05", "officer", "Tòng Văn Khác"),
}


@pytest.fixture
def site(integration, clock):
    from dienbien.policy.orgunits.importer import import_units

    portal = integration["portal"]
    setRoles(portal, TEST_USER_ID, ["Manager"])
    import_units(portal, UNITS, "csv")
    for user, (unit, function, name) in PEOPLE.items():
        api.user.create(
            username=user,
            email=f"{user}@example.invalid",
            password="mat-khau-thu-nghiem",
            properties={"fullname": name},
        )
        api.group.add_user(groupname=group_id(unit, function), username=user)
    setRoles(portal, TEST_USER_ID, [])
    return portal


def as_user(user):
    return api.env.adopt_user(username=user)


def new_plan(portal, unit="H15.50.03", year=2026, user="vanthu"):
    folder = portal["ho-so-cong-viec"]
    with as_user(user):
        view = getMultiAdapter((folder, portal.REQUEST), name="workfiles")
        portal.REQUEST.form.update({"unit": unit, "year": str(year)})
        view.errors = {}
        plan = view.create_plan()
    assert view.errors == {}
    return plan


def new_file(
    plan,
    symbol="01.TH",
    title="Hồ sơ hội nghị tổng kết",
    owner="canbo",
    user="vanthu",
    **extra,
):
    with as_user(user):
        return api.content.create(
            container=plan,
            type="WorkFile",
            id=symbol.strip().replace(" ", "").replace(".", "-").lower(),
            symbol=symbol,
            title=title,
            retention="10",
            owner=owner,
            **extra,
        )


def sees(user, obj) -> bool:
    with as_user(user):
        return api.user.has_permission("View", obj=obj)


def test_the_container_exists(site):
    folder = site["ho-so-cong-viec"]
    assert folder.portal_type == "WorkFileFolder"
    assert folder.Title() == "Hồ sơ công việc"


def test_plan_per_unit_and_year(site):
    plan = new_plan(site)
    assert plan.getId() == "h15-50-03-2026"
    assert plan.Title() == "Danh mục hồ sơ năm 2026 – Phòng Tư pháp"
    assert (plan.unit, plan.year) == ("H15.50.03", 2026)
    assert new_plan(site).getId() == plan.getId()  # asked again: the same plan
    assert len(site["ho-so-cong-viec"].objectIds()) == 1
    assert sees("vanthu", plan) and sees("canbo", plan) and sees("lanhdao", plan)
    assert not sees("khac", plan)


def test_only_clerks_and_leaders_of_the_unit_start_its_plan(site):
    folder = site["ho-so-cong-viec"]
    for user in ("canbo", "khac"):
        with as_user(user):
            view = getMultiAdapter((folder, site.REQUEST), name="workfiles")
            site.REQUEST.form.update({"unit": "H15.50.03", "year": "2026"})
            view.errors = {}
            assert view.create_plan() is None
            assert set(view.errors) == {"unit"}
    assert "h15-50-03-2026" not in folder


def test_open_add_close_reopen(site, clock):
    plan = new_plan(site)
    workfile = new_file(plan, symbol=" 01 . th ")
    assert workfile.symbol == "01.TH"
    assert api.content.get_state(workfile) == "planned"
    clock("2026-03-04T08:30")
    with as_user("canbo"):
        api.content.transition(obj=workfile, transition="open")
    assert api.content.get_state(workfile) == "open"
    assert str(workfile.opened) == "2026-03-04 08:30:00"

    # The keeper adds what he sees: the other file, a dossier he may not see…
    other = new_file(plan, symbol="02.TH", title="Báo cáo tháng", owner="canbo2")
    with as_user("canbo"):
        added = lifecycle.add_documents(
            workfile, [api.content.get_uuid(other), api.content.get_uuid(other)]
        )
    assert added == (api.content.get_uuid(other),)
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        workfile_items=api.content.get_uuid(other)
    )
    assert [b.getId for b in brains] == ["01-th"]
    assert brains[0].workfile_count == 1

    clock("2026-11-20T16:00")
    with as_user("canbo"):
        api.content.transition(obj=workfile, transition="close")
    assert api.content.get_state(workfile) == "closed"
    assert str(workfile.closed) == "2026-11-20 16:00:00"
    with pytest.raises(ValueError):
        lifecycle.add_documents(workfile, ["x"])
    # Only the unit's leader reopens it.
    for user in ("canbo", "vanthu", "khac"):
        with as_user(user):
            assert "reopen" not in [
                t["id"]
                for t in api.portal.get_tool("portal_workflow").getTransitionsFor(
                    workfile
                )
            ]
    with as_user("lanhdao"):
        api.content.transition(obj=workfile, transition="reopen")
    assert api.content.get_state(workfile) == "open"
    assert workfile.closed is None


def test_who_opens_and_who_sees(site):
    plan = new_plan(site)
    workfile = new_file(plan)
    workflow = api.portal.get_tool("portal_workflow")
    for user, may_open in {
        "canbo": True,
        "canbo2": False,
        "vanthu": False,
        "lanhdao": False,
    }.items():
        with as_user(user):
            ids = [t["id"] for t in workflow.getTransitionsFor(workfile)]
        assert ("open" in ids) is may_open, user
    assert {u for u in PEOPLE if sees(u, workfile)} == {"vanthu", "canbo", "lanhdao"}
    for user, found in {"khac": [], "canbo2": [], "lanhdao": ["01.TH"]}.items():
        with as_user(user):
            brains = api.content.find(portal_type="WorkFile")
            assert [b.workfile_symbol for b in brains] == found, user


def close_on(workfile, moment, clock):
    clock(moment)
    with as_user(workfile.owner):
        if api.content.get_state(workfile) == "planned":
            api.content.transition(obj=workfile, transition="open")
        api.content.transition(obj=workfile, transition="close")


def test_due_for_archive(site, clock):
    plan = new_plan(site, year=2025)
    files = {
        symbol: new_file(plan, symbol=symbol, title=f"Hồ sơ {symbol}")
        for symbol in ("01.TH", "02.TH", "03.TH", "04.TH", "05.TH")
    }
    close_on(files["01.TH"], "2025-02-10T09:00", clock)  # due since 10/02/2026
    close_on(files["02.TH"], "2025-03-03T09:00", clock)  # due today
    close_on(files["03.TH"], "2025-03-20T09:00", clock)  # due in 17 days: soon
    close_on(files["04.TH"], "2025-06-01T09:00", clock)  # not yet
    with as_user("canbo"):
        api.content.transition(obj=files["05.TH"], transition="open")  # open
    clock("2026-03-03T10:00")
    folder = site["ho-so-cong-viec"]
    with as_user("vanthu"):
        rows = DueForArchive(folder, site.REQUEST).rows()
    assert [(r["symbol"], r["closed"], r["deadline"], r["due"]) for r in rows] == [
        ("01.TH", "10/02/2025", "10/02/2026", True),
        ("02.TH", "03/03/2025", "03/03/2026", True),
        ("03.TH", "20/03/2025", "20/03/2026", False),
    ]
    assert rows[0]["unit"] == "Phòng Tư pháp"
    assert rows[0]["owner"] == "Quàng Văn Cán"
    with as_user("khac"):
        assert DueForArchive(folder, site.REQUEST).rows() == []
    clock("2026-06-01T08:00")
    with as_user("lanhdao"):
        rows = DueForArchive(folder, site.REQUEST).rows()
    assert [r["symbol"] for r in rows] == ["01.TH", "02.TH", "03.TH", "04.TH"]


def test_symbol_unique_in_the_plan(site):
    from dienbien.policy.correspondence.workfiles.content import IWorkFile
    from zope.interface import Invalid

    plan = new_plan(site)
    new_file(plan)

    class Data:
        def __init__(self, symbol, context):
            self.symbol = symbol
            self.__context__ = context

    with pytest.raises(Invalid):
        IWorkFile.validateInvariants(Data("01.th", plan))
    IWorkFile.validateInvariants(Data("02.TH", plan))
    # editing the file itself: its own symbol is not taken
    IWorkFile.validateInvariants(Data("01.TH", plan["01-th"]))


def test_owner_vocabulary_is_the_units_staff(site):
    from zope.component import getUtility
    from zope.schema.interfaces import IVocabularyFactory

    plan = new_plan(site)
    factory = getUtility(IVocabularyFactory, "dienbien.policy.WorkFileOwners")
    terms = [(t.token, t.title) for t in factory(plan)]
    assert terms == [
        ("lanhdao", "Cà Văn Lãnh"),
        ("vanthu", "Lò Thị Văn"),
        ("canbo2", "Lường Thị Hai"),
        ("canbo", "Quàng Văn Cán"),
    ]
    factory = getUtility(IVocabularyFactory, "dienbien.policy.RetentionPeriods")
    assert [t.token for t in factory(plan)][:3] == ["permanent", "70", "50"]


def test_a_retired_units_files_go_to_its_successor(site, clock):
    from zope.event import notify
    from zope.lifecycleevent import ObjectModifiedEvent

    plan = new_plan(site)
    workfile = new_file(plan)
    assert not sees("khac", workfile)
    # Phòng Tư pháp merges into Phòng Tài nguyên và Môi trường.
    clock("2026-07-01T07:30")
    setRoles(site, TEST_USER_ID, ["Manager"])
    unit = site["to-chuc"]["h15-50-03"]
    unit.valid_to = date(2026, 6, 30)
    unit.successor = "H15.50.05"
    notify(ObjectModifiedEvent(unit))
    setRoles(site, TEST_USER_ID, [])
    assert sees("khac", plan)  # the successor's officer sees the plan
    assert not sees("khac", workfile)  # not a file someone else keeps
    assert "FileOfficer" in api.user.get_roles(username="khac", obj=plan)
