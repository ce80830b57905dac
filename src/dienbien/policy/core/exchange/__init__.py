"""Documents exchanged with other document systems (QCVN 102:2016/BTTTT).

- ``organs``: organisation identifiers (the 13-character QCVN 102 form and
  the Decision 20/2020 code) and the ``DocumentId`` they start;
- ``package``: what an edXML document package says, as plain data;
- ``edxml``: writing and reading the package itself (namespace, prefix,
  manifest, base64 attachments), every problem a ``PackageError`` naming the
  element;
- ``status``: status packages (``MessageStatus``), their codes and the
  sender's per-recipient record.

No Zope here: the ``exchange`` wing loads documents, calls these and stores
what they return.
"""

# Status packages are read by ``edxml.parse`` once ``status`` has added its
# reader: whoever reads a package gets both kinds.
from . import status  # noqa: F401
