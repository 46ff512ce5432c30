"""Helpers of the browser and multi-server tests: the example under gunicorn, origins, Chromium."""
