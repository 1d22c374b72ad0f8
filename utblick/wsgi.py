"""WSGI entry point for gunicorn/granian: `gunicorn utblick.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "utblick.settings")
application = get_wsgi_application()
