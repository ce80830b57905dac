"""The catalogue's file format (XLSX, zipped CSV, JSON), plain Python built on
the core's rules: ``layout`` (sheets, columns; the format described in full),
``cells`` (a cell to a value), ``rows`` (rows to procedures), ``reading``,
``writing`` and ``forms`` (the form files in the zip)."""
