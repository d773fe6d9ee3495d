"""Date formats per interface language (settings.FORMAT_MODULE_PATH): Swedish pages write
dates as 2026-12-05, English pages as 5 Dec 2026. Numbers keep Django's locale formats."""
