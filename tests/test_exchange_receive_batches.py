"""The inbox folder received in batches (``receive_waiting(commit_every=)``,
the cron script's way): every that many filed packages are committed and
acknowledged on the way; a refused package neither counts nor stays in a
batch; what is left is for the caller's commit."""

from dienbien.policy.core.exchange.edxml import PackageError
from dienbien.policy.exchange import receive
from dienbien.policy.exchange.transport import FolderTransport

import transaction


def test_filed_packages_are_committed_and_acknowledged_by_batches(
    tmp_path, monkeypatch
):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    names = ["1-a.xml", "2-b.xml", "3-bad.xml", "4-c.xml", "5-d.xml", "6-e.xml"]
    for name in names:
        (inbox / name).write_bytes(name.encode())

    def file_package(context, data, atomic=True):
        if b"bad" in data:
            raise PackageError("edXML:edXML", "Not a package.")
        return receive.Filed("document", [data.decode()])

    commits = []  # what had left the inbox when each commit began

    def commit():
        commits.append(sorted(p.name for p in inbox.iterdir()))
        transaction.get().note(receive.NOTE)
        for hook, args, _kwargs in transaction.get().getAfterCommitHooks():
            hook(True, *args)
        transaction.abort()

    monkeypatch.setattr(receive, "file_package", file_package)
    monkeypatch.setattr(transaction, "commit", commit)
    transaction.begin()
    outcome = receive.receive_waiting(None, FolderTransport(None, inbox), 2)

    assert [name for name, _filed in outcome.filed] == [
        "1-a.xml",
        "2-b.xml",
        "4-c.xml",
        "5-d.xml",
        "6-e.xml",
    ]
    assert [name for name, _error in outcome.refused] == ["3-bad.xml"]
    # Committed after 2 and after 4 filed packages: the first batch's
    # packages had not left the inbox before its commit; the second's went
    # at the second commit; the last one waits for the caller's.
    assert commits == [names, ["3-bad.xml", "4-c.xml", "5-d.xml", "6-e.xml"]]
    assert sorted(p.name for p in inbox.iterdir()) == ["3-bad.xml", "6-e.xml"]
    transaction.abort()
