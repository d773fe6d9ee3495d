"""Local climate contracts (lokala klimatkontrakt): contract, pledges, signatories, reports."""

__all__: list[str] = []
