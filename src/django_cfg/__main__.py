"""``python -m django_cfg``: the django-cfg console command."""

from django_cfg.cli import main

raise SystemExit(main())
