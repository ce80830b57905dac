"""Old dotted paths of the content classes, for objects already stored.

Until profile 1002 the content types lived in ``dienbien.policy.content``;
each wing now holds its own (``orgunits.orgunit``, ``procedures.procedure``,
``dossiers.dossier``…). A stored object names its class by dotted path in its
own record and in every persistent reference to it (the parent folder's
BTree buckets, the intid key references), so those paths must keep importing:
the packages below only re-export the classes and their schema interfaces,
nothing else belongs here. Profile 1002 points the FTIs to the new paths and
reindexes ``object_provides``; new objects are stored under the new paths.
Dropping this package needs an offline rewrite of the whole storage
(``zodbupdate`` with a rename map), not an upgrade step.
"""
