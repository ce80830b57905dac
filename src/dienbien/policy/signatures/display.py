"""The kept verdict as people and REST clients read it."""

from dienbien.policy import _
from dienbien.policy.core import signatures as core
from dienbien.policy.signatures.store import stored
from dienbien.policy.workingtime import display_time
from dienbien.policy.workingtime import to_aware
from zope.i18n import translate


TITLES = {
    core.VALID: _("signature_valid", default="Valid signature"),
    core.MODIFIED: _("signature_modified", default="Modified after signing"),
    core.UNTRUSTED: _("signature_untrusted", default="Untrusted signer"),
    core.EXPIRED: _("signature_expired", default="Expired certificate"),
    core.UNSIGNED: _("signature_unsigned", default="Unsigned"),
}
#: Bootstrap colours of the badge.
CLASSES = {
    core.VALID: "bg-success",
    core.MODIFIED: "bg-danger",
    core.UNTRUSTED: "bg-warning text-dark",
    core.EXPIRED: "bg-warning text-dark",
    core.UNSIGNED: "bg-secondary",
}


def signature_facts(document, request) -> dict | None:
    """``None`` when the document has no PDF; else the verdict and, per
    signature, signer, organisation, signing time (ISO with the site's
    offset, and as shown) and verdict, each with its translated title."""
    kept = stored(document)
    if not kept:
        return None

    def title(verdict):
        return translate(TITLES[verdict], context=request)

    return {
        "verdict": kept["verdict"],
        "verdict_title": title(kept["verdict"]),
        "signatures": [
            {
                "signer": entry["signer"],
                "organisation": entry["organisation"],
                "signed": to_aware(entry["signed"]).isoformat()
                if entry["signed"]
                else None,
                "signed_display": display_time(entry["signed"]),
                "verdict": entry["verdict"],
                "verdict_title": title(entry["verdict"]),
            }
            for entry in kept["signatures"]
        ],
    }
