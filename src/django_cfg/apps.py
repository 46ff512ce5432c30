from django.apps import AppConfig
from django.core.checks import Tags, register

from django_cfg import checks, diagnostics


class DjangoCfgConfig(AppConfig):
    name = "django_cfg"
    verbose_name = "django-cfg"

    def ready(self) -> None:
        for check in checks.REGULAR_CHECKS:
            register(check, Tags.security)
        for check in checks.DEPLOY_CHECKS:
            register(check, Tags.security, deploy=True)
        diagnostics.connect()
