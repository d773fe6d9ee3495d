"""The outside world's formats: parse, validate, report every bad row. Plain records, no Django models."""
