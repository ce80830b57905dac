"""The domain core: plain Python, no Zope or Plone imports.

Everything here is a pure function or a small value class, tested in
milliseconds. The Plone parts of the package load data, call these and store
the results.
"""
