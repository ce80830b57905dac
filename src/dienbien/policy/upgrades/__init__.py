"""Upgrade steps of the ``dienbien.policy:default`` profile, one module per
profile version. The first release is version 1000."""
