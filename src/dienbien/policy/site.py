"""What a Điện Biên site is made of, shared by site creation and the tests."""

SITE_ID = "dienbien"
SITE_TITLE = "Cổng thông tin điện tử huyện Điện Biên"
SITE_LANGUAGE = "vi"
SITE_TIMEZONE = "Asia/Ho_Chi_Minh"

#: Classic UI (what plone.classicui's "classic" distribution installs), the
#: REST API, forms, and our own profile, in this order.
SITE_PROFILES = (
    "plone.app.contenttypes:default",
    "plone.app.layout:default",
    "plonetheme.barceloneta:default",
    "plone.restapi:default",
    "collective.easyform:default",
    "dienbien.policy:default",
)
DEMO_PROFILE = "dienbien.policy:demo"


def create(app, site_id=SITE_ID, demo=True):
    """Add a Điện Biên Plone site to the Zope ``app``; return it."""
    from Products.CMFPlone.factory import addPloneSite

    profiles = [*SITE_PROFILES, DEMO_PROFILE] if demo else list(SITE_PROFILES)
    return addPloneSite(
        app,
        site_id,
        title=SITE_TITLE,
        extension_ids=profiles,
        default_language=SITE_LANGUAGE,
        portal_timezone=SITE_TIMEZONE,
        setup_content=False,
    )
