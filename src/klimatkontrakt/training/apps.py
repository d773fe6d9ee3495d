from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "klimatkontrakt.training"
    verbose_name = _("Training register")

    def ready(self) -> None:
        from klimatkontrakt.web.modules import Module, register

        register(Module("trainings", _("Training register"), "training:list", 56))
