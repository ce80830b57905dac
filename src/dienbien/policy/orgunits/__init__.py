"""The Plone side of the organisation: groups that follow units, imports."""
