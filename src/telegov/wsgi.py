import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "telegov.settings")
application = get_wsgi_application()

# Published status pages are answered before Django, with no per-request work but a stat and a sendfile.
from telegov.disclosure.public import StatusFiles  # noqa: E402

application = StatusFiles(application)
