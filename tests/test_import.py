"""`import django_cfg` stays cheap: no YAML, no Django app registry, no pydantic."""

import subprocess
import sys

PROBE = (
    "import sys, django_cfg; "
    "print('yaml' in sys.modules, 'django.apps' in sys.modules, 'django.conf' in sys.modules, "
    "'pydantic' in sys.modules)"
)


def test_import_loads_no_heavy_modules() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60, check=True
    )

    assert result.stdout == "False False False False\n"


def test_public_names_load_on_use() -> None:
    code = (
        "import sys, django_cfg; "
        "print(django_cfg.DjangoConfig.__name__, django_cfg.load_config.__name__, "
        "'pydantic' in sys.modules, sorted(set(django_cfg.__all__) - set(dir(django_cfg))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )

    assert result.stdout == "DjangoConfig load_config True []\n"
