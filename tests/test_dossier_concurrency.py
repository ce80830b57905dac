"""Four desk clerks' clients create dossiers at the same time, at the same
desk, on the same day: every code is distinct and consecutive, and nobody
sees an error (ZODB conflicts on the day's counter are retried by Zope)."""

from concurrent.futures import ThreadPoolExecutor


CLIENTS = 4
PER_CLIENT = 100


def test_concurrent_creation(http, one_stop, monkeypatch):
    from conftest import STAFF_PASSWORD
    from ZPublisher.HTTPRequest import HTTPRequest

    # As instance/etc/zope.conf: max-conflict-retries 10 (the test server
    # starts with Zope's default of 3).
    monkeypatch.setattr(HTTPRequest, "retry_max_count", 10)

    body = {
        "@type": "Dossier",
        "procedure": "2.000815",
        "channel": "in_person",
        "receiving_unit": "H15.50.MC",
        "applicant_name": "Người nộp thử",
        "applicant_phone": "0912 000 111",
        "accepted": "2026-03-03T09:00:00+07:00",
    }

    def work(_):
        client = http("clerk", STAFF_PASSWORD)
        results = []
        for _index in range(PER_CLIENT):
            # A replayed request can wait for Zope's back-off: be patient.
            response = client.post("ho-so", json=body, timeout=300)
            results.append((response.status_code, response.json().get("code")))
        return results

    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        results = [item for batch in pool.map(work, range(CLIENTS)) for item in batch]

    assert [status for status, _code in results if status != 201] == []
    codes = sorted(code for _status, code in results)
    assert codes == [
        f"H15.50.MC-260303-{n:04d}" for n in range(1, CLIENTS * PER_CLIENT + 1)
    ]
