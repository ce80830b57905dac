"""Operating the site's database: backups and restores, packing
(``make backup``, ``make restore``, ``make pack``; docs/deploy.md).

Plain Python around ZODB's and PostgreSQL's own tools (repozo, zodbpack,
pg_dump, pg_restore); the storage is read from the instance's ``zope.conf``,
so the same commands serve the embedded FileStorage and RelStorage.
"""
