"""`import django_cfg` stays cheap: no YAML, no Django app registry."""

import subprocess
import sys

PROBE = (
    "import sys, django_cfg; "
    "print('yaml' in sys.modules, 'django.apps' in sys.modules, 'django.conf' in sys.modules)"
)


def test_import_loads_no_yaml_or_django() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60, check=True
    )

    assert result.stdout == "False False False\n"
