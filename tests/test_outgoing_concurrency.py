"""Four clerks of one clerical office issue at the same time, through the
issue form as they do at work: 400 documents get 400 distinct, consecutive
numbers and nobody sees an error (ZODB conflicts on the unit's counter are
retried by Zope; the counter never resolves them by taking a maximum)."""

from concurrent.futures import ThreadPoolExecutor
from dienbien.policy.core.correspondence.registers import check_series
from outgoing_site import approved
from outgoing_site import outgoing_site_fixture  # noqa: F401
from outgoing_site import PASSWORD
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID

import re
import transaction


CLIENTS = 4
PER_CLIENT = 100
CLERKS = [f"vt_huyen_{n}" for n in range(CLIENTS)]


def test_four_clerks_issue_400_documents(http, outgoing_site, monkeypatch):
    from dienbien.policy.core.orgunits import group_id
    from ZPublisher.HTTPRequest import HTTPRequest

    portal = outgoing_site
    # As instance/etc/zope.conf: max-conflict-retries 10 (the test server
    # starts with Zope's default of 3).
    monkeypatch.setattr(HTTPRequest, "retry_max_count", 10)
    setRoles(portal, TEST_USER_ID, ["Manager"])
    for login in CLERKS:
        api.user.create(
            username=login, email=f"{login}@example.invalid", password=PASSWORD
        )
        api.group.add_user(groupname=group_id("H15.50", "clerical"), username=login)
    setRoles(portal, TEST_USER_ID, ["Member"])
    documents = [approved(portal) for _n in range(CLIENTS * PER_CLIENT)]
    paths = ["/".join(d.getPhysicalPath()[2:]) for d in documents]
    transaction.commit()

    clients = [http(login, PASSWORD) for login in CLERKS]
    tokens = []
    for index, client in enumerate(clients):
        # Each clerk opens the issue form once (its token is his own);
        # rendering a first page is slow on a busy machine: be patient.
        form = client.get(
            f"{paths[index]}/@@outgoing-step?transition=issue",
            headers={"Accept": "text/html"},
            timeout=300,
        )
        assert "Số: 01" not in form.text
        tokens.append(
            re.search(r'name="_authenticator"[^>]*value="([^"]+)"', form.text)
        )

    def work(index):
        client = clients[index]
        mine = paths[index::CLIENTS]
        token = tokens[index]
        statuses = []
        for path in mine:
            response = client.post(
                f"{path}/@@outgoing-step",
                data={
                    "transition": "issue",
                    "form.submitted": "1",
                    "form.save": "1",
                    "_authenticator": token.group(1),
                },
                headers={"Accept": "text/html"},
                allow_redirects=False,
                # A replayed request can wait for Zope's back-off.
                timeout=300,
            )
            statuses.append(response.status_code)
        return statuses

    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        statuses = [s for batch in pool.map(work, range(CLIENTS)) for s in batch]

    assert [s for s in statuses if s != 302] == []
    transaction.begin()
    numbers = [d.number for d in documents]
    notations = {d.notation for d in documents}
    assert sorted(numbers) == list(range(1, CLIENTS * PER_CLIENT + 1))
    assert check_series(numbers).consecutive
    assert len(notations) == CLIENTS * PER_CLIENT
    assert {api.content.get_state(d) for d in documents} == {"issued"}
