import os

# Playwright's sync API runs an event loop in the test thread; the ORM calls there are synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
