"""Klimatkontrakt: open software for a municipality's Klimatkontrakt 2030 work."""

__version__ = "0.1.0"
