"""What the first page of ``@dossiers?overdue=1`` reads, on a kept bench
instance (``bench/dossiers.py --keep``), in a process of its own so that
nothing is in memory yet: each step of the catalog search as the admin
(the catalog's security filter included), the sort by appointment and the
page of 25 brains, with its time and the objects it loaded; then the same
again, warm.

    INSTANCE_HOME=DIR .venv/bin/zconsole run DIR/etc/zope.conf \\
        bench/overdue_reads.py whole|running|range|steps

``whole`` runs the endpoint's reply as the code installed has it (first
call, then the median of ten); ``running`` and ``range`` the catalog query
of the running dossiers sorted by appointment, without and with the range
of ``dossier_appointment`` up to now (the query before this change), first
in the process; ``steps`` the query's parts one by one.
"""

from AccessControl.SecurityManagement import newSecurityManager
from dienbien.policy.core.dossiers import CLOCK_RUNS
from zope.component.hooks import setSite

import statistics
import sys
import time


mode = sys.argv[-1]
portal = app.dienbien  # noqa: F821 (zconsole's)
setSite(portal)
user = app.acl_users.getUser("admin")  # noqa: F821
newSecurityManager(None, user.__of__(app.acl_users))  # noqa: F821
connection = portal._p_jar
catalog = portal.portal_catalog
table = catalog._catalog
NOW = "2026-11-29T09:00"


def loads():
    return connection.getTransferCounts()[0]


def timed(label, function):
    before, started = loads(), time.perf_counter()
    result = function()
    print(
        f"{label:58} {(time.perf_counter() - started) * 1000:8.1f} ms "
        f"{loads() - before:6d} objects"
    )
    return result


def endpoint_query():
    from dienbien.policy.services.dossiers.get import DossiersGet

    request = portal.REQUEST
    request.form.clear()
    request.form.update({"overdue": "1"})
    service = DossiersGet()
    service.context, service.request = portal, request
    return service.reply()


if mode == "whole":
    first = timed("@dossiers?overdue=1 reply(), first", endpoint_query)
    print("items_total", first["items_total"], "page", len(first["items"]))
    times = []
    for _ in range(10):
        started = time.perf_counter()
        endpoint_query()
        times.append((time.perf_counter() - started) * 1000)
    print(f"warm median {statistics.median(times):.1f} ms")
elif mode in ("running", "range"):
    query = {"sort_on": "dossier_appointment", "review_state": list(CLOCK_RUNS)}
    if mode == "range":
        query.update(
            portal_type="Dossier",
            dossier_appointment={"query": NOW, "range": "max"},
        )
    for run in ("first", "second"):
        result = timed(f"{mode}, {run}", lambda: catalog(**query))
        print("   hits", len(result))
else:
    base = {"sort_on": "dossier_appointment", "review_state": list(CLOCK_RUNS)}
    steps = [
        ("review_state only (unrestricted)", {"review_state": list(CLOCK_RUNS)}),
        ("portal_type only (unrestricted)", {"portal_type": "Dossier"}),
        (
            "appointment range only (unrestricted)",
            {"dossier_appointment": {"query": NOW, "range": "max"}},
        ),
    ]
    for label, query in steps:
        result = timed(label, lambda q=query: table.search(q))
        print("   hits", len(result))
    user_query = {
        "allowedRolesAndUsers": catalog._listAllowedRolesAndUsers(user),
    }
    result = timed(
        "allowedRolesAndUsers only (unrestricted)",
        lambda: table.search(user_query),
    )
    print("   hits", len(result))
    for label, query in (
        ("states + sort, security", base),
        ("states + sort, security, again", base),
        (
            "as today: + portal_type + range, security",
            {
                **base,
                "portal_type": "Dossier",
                "dossier_appointment": {"query": NOW, "range": "max"},
            },
        ),
    ):
        result = timed(label, lambda q=query: catalog(**q))
        print("   hits", len(result))
    timed("25 brains' metadata", lambda: [b.dossier_code for b in result[:25]])
