"""The procedure catalogue's Plone side: search, import and export, demo data."""
