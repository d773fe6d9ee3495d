from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "klimatkontrakt.web"
    verbose_name = _("Web")

    def ready(self) -> None:
        from klimatkontrakt.web import cache

        cache.connect()


# Django's own strings that its Swedish catalogue lacks: listed here so that makemessages keeps
# them in ours, which Django reads first (LOCALE_PATHS). Django 6's empty choice of a select:
DJANGO_STRINGS_WITHOUT_SWEDISH = [_("- Select an option -")]
