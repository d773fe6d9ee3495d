"""Property tests must not carry a time limit (brief: never a time limit inside a test):
hypothesis's default 200 ms deadline fails slow examples on a busy two-core machine."""

from hypothesis import settings

settings.register_profile("klimatkontrakt", deadline=None)
settings.load_profile("klimatkontrakt")
