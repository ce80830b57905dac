"""Refused input (BadRequest, answered 400) is not an error: the site's
error log neither keeps it nor copies it, with its traceback and request,
to the event log."""

from dienbien.policy.setuphandlers import quiet_bad_requests
from dienbien.policy.upgrades.v1006 import quiet_validation_errors


def ignored(portal):
    return tuple(portal.error_log.getProperties()["ignored_exceptions"])


def test_installed_site_ignores_bad_requests(portal):
    assert ignored(portal) == (
        "Unauthorized",
        "NotFound",
        "Redirect",
        "BadRequest",
        "InvalidInput",
        "DeserializationError",
    )


def test_upgrade_keeps_the_sites_own_settings(portal):
    error_log = portal.error_log
    error_log.setProperties(50, False, ("NotFound", "ConflictError"))
    quiet_validation_errors(portal.portal_setup)
    assert error_log.getProperties() == {
        "keep_entries": 50,
        "copy_to_zlog": False,
        "ignored_exceptions": (
            "NotFound",
            "ConflictError",
            "BadRequest",
            "InvalidInput",
            "DeserializationError",
        ),
    }
    # Twice changes nothing.
    quiet_bad_requests(portal)
    assert ignored(portal) == (
        "NotFound",
        "ConflictError",
        "BadRequest",
        "InvalidInput",
        "DeserializationError",
    )


def test_upgrade_step_is_registered(setup_tool):
    steps = setup_tool.listUpgrades("dienbien.policy:default", show_old=True)
    flat = [
        step for item in steps for step in (item if isinstance(item, list) else [item])
    ]
    assert any(
        step["sdest"] == "1006"
        and step["title"] == "Refused input stays out of the logs"
        for step in flat
    )
