"""One-stop dossiers, the Plone side: numbering, lifecycle, hand-over log,
access by unit."""
