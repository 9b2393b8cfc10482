import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

# Everything loaded so far (Django, the apps, their URL patterns and templates'
# code) lives as long as the worker: moved out of the collector's sight, so a
# request's collections no longer walk its 180,000 objects each time (the
# garbage collector took 14-18 ms of an action log or minuting screen request
# at bench size, 2-7 ms after). benchmarks/runner.py does the same.
gc.freeze()
