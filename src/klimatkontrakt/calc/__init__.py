"""Pure climate maths: numbers and plain dataclasses in, numbers out.

No Django, no files, no network.
"""
