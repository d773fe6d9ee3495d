from django.urls import path  # noqa: F401

app_name = "funding"

# Grants
grant_patterns: list = []

# Calls
call_patterns: list = []

urlpatterns = grant_patterns + call_patterns
