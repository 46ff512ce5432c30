from django.apps import AppConfig


class DjangoCfgConfig(AppConfig):
    name = "django_cfg"
    verbose_name = "django-cfg"
