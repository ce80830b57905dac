"""Upgrade to profile version 1006: refused input stays out of the logs."""

from dienbien.policy.setuphandlers import quiet_bad_requests
from plone import api


def quiet_validation_errors(context):
    """The error log ignores ``BadRequest`` (refused input, answered 400)."""
    quiet_bad_requests(api.portal.get())
