"""Configuration of the example site, read from the YAML files beside this file.

config.yaml contains what every environment shares; config.<environment>.yaml,
chosen by DJANGO_ENV (development by default), is merged over it.
"""

from django_cfg import DjangoConfig, load_config


class ExampleConfig(DjangoConfig):
    project_apps: list[str] = ["portal"]
    root_urlconf: str | None = "example_site.urls"
    wsgi_application: str | None = "example_site.wsgi.application"


config = load_config(ExampleConfig)
