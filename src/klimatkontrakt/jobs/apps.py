from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "klimatkontrakt.jobs"
    verbose_name = _("Background work")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.tasks.signals import task_finished

        from klimatkontrakt.jobs.task_log import log_task_finished

        task_finished.connect(log_task_finished, dispatch_uid="klimatkontrakt.task_log")
