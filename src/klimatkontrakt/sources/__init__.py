"""The outside world's formats: parse, validate, report every bad row.

Plain records out, no Django models.
"""
