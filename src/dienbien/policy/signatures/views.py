"""The badge on a document's page and the trust roots' page."""

from dienbien.policy import _
from dienbien.policy.signatures import store
from dienbien.policy.signatures import verify
from dienbien.policy.signatures.display import CLASSES
from dienbien.policy.signatures.display import signature_facts
from dienbien.policy.workingtime import display_time
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from zope.i18n import translate


class SignatureBadge(BrowserView):
    """Included by the document pages; renders nothing without a PDF."""

    def facts(self):
        facts = signature_facts(self.context, self.request)
        if facts:
            facts["css"] = CLASSES[facts["verdict"]]
        return facts


#: Larger is no certificate.
MAX_ROOT_SIZE = 64 * 1024


class SignatureRoots(BrowserView):
    """Site administrators upload or remove trust roots (PEM or DER) and,
    after a change, have every document's PDF judged again. All writes are
    POST with the form's authenticator."""

    def __call__(self):
        self.problem = ""
        self.changed = False
        self.message = ""
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            form = self.request.form
            if form.get("form.upload"):
                self.upload(form.get("root"))
            elif form.get("form.remove"):
                self.remove(form.get("sha256", ""))
            elif form.get("form.reverify"):
                count = store.reverify_all()
                self.message = translate(
                    _(
                        "signature_reverified",
                        default="${count} documents verified again.",
                        mapping={"count": count},
                    ),
                    context=self.request,
                )
        return self.index()

    def upload(self, upload):
        data = upload.read(MAX_ROOT_SIZE + 1) if upload else b""
        try:
            if not data or len(data) > MAX_ROOT_SIZE:
                raise ValueError("size")
            der = verify.load_root(data).dump()
        except ValueError:
            self.problem = _(
                "signature_root_bad",
                default="The file is not a certificate (PEM or DER).",
            )
            return
        ders = store.root_ders()
        if der not in ders:
            store.set_roots([*ders, der])
            self.changed = True

    def remove(self, sha256: str):
        ders = store.root_ders()
        kept = [d for d in ders if store.describe_root(d)["sha256"] != sha256]
        if len(kept) != len(ders):
            store.set_roots(kept)
            self.changed = True

    def roots(self) -> list[dict]:
        rows = [store.describe_root(der) for der in store.root_ders()]
        for row in rows:
            row["until"] = display_time(row["not_after"])
        return rows
