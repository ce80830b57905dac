"""Upgrade 1029: newsrooms with nothing published leave the navigation; a
newsroom with published news stays in it."""

from conftest import upgrade_steps
from test_editorial import make_newsrooms
from test_editorial import nav_hidden
from test_editorial import step
from test_editorial import write


def test_upgrade_from_1028(integration):
    portal = integration["portal"]
    rooms = make_newsrooms(portal)
    item = write(rooms["H15.50.05.01"], "bientap.a")
    step(item, "bientap.a", "submit")
    step(item, "duyettin.a", "publish")
    # As a 1028 site: every newsroom in the navigation.
    for room in rooms.values():
        room.exclude_from_nav = False
        room.reindexObject(idxs=["exclude_from_nav"])
    assert nav_hidden(portal) == {
        "ubnd-xa-thanh-xuong": False,
        "ubnd-xa-thanh-an": False,
    }

    setup = portal.portal_setup
    steps = upgrade_steps(setup, "1029")
    assert [s["title"] for s in steps] == ["Empty newsrooms out of the navigation"]
    steps[0]["step"].doStep(setup)

    assert nav_hidden(portal) == {
        "ubnd-xa-thanh-xuong": False,
        "ubnd-xa-thanh-an": True,
    }
    # Run again: nothing left to change.
    steps[0]["step"].doStep(setup)
    assert nav_hidden(portal)["ubnd-xa-thanh-an"] is True
