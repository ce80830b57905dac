"""Zip files whose bytes depend on their content only: every entry carries
the same time stamp, so the same workbook or export gives the same file
(exports can be compared and cached). Plain Python."""

import zipfile


#: The earliest time a zip entry can carry.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


class StableZip(zipfile.ZipFile):
    """A zip whose entries carry a fixed time stamp: same content, same bytes."""

    def writestr(self, name, data, compress_type=None, compresslevel=None):
        if not isinstance(name, zipfile.ZipInfo):
            name = zipfile.ZipInfo(name, ZIP_EPOCH)
            name.compress_type = zipfile.ZIP_DEFLATED
            name.external_attr = 0o644 << 16
        super().writestr(name, data, compress_type, compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        with open(filename, "rb") as source:
            self.writestr(arcname or str(filename), source.read())
