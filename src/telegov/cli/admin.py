"""`telegov setup`, `serve`, `demo`, `user` and `token`: running the app and managing access."""

from __future__ import annotations

import os
import shutil
import sys
from typing import Annotated

import typer

from telegov.cli.console import console, errors, setup_django


def setup(
    demo_if_empty: Annotated[bool, typer.Option(help="Load the demo organisation when the database is empty.")] = False,
) -> None:
    """Prepare the database and static files (safe to run again)."""
    setup_django()
    from django.core.management import call_command

    from telegov.core.models import Organisation

    with console.status("Migrating the database…"):
        call_command("migrate", interactive=False, verbosity=0)
    with console.status("Collecting static files…"):
        call_command("collectstatic", interactive=False, verbosity=0)
    console.print("[green]Database and static files are ready.[/green]")
    if demo_if_empty and not Organisation.objects.exists():
        _load_demo()


def _load_demo() -> None:
    from telegov.core.demo import DEMO_PASSWORD, DEMO_USERNAME, load_demo

    organisation = load_demo()
    console.print(f"[green]Loaded the demo organisation[/green] {organisation.name}: "
                  f"log in as [bold]{DEMO_USERNAME}[/bold] / [bold]{DEMO_PASSWORD}[/bold]")


def demo() -> None:
    """Load the fictional demo operator group."""
    setup_django()
    from telegov.core.demo import demo_exists

    if demo_exists():
        errors.print("The demo organisation is already loaded.")
        raise typer.Exit(1)
    _load_demo()


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes.")] = max(2, (os.cpu_count() or 1)),
    threads: Annotated[int, typer.Option(help="Threads per worker.")] = 4,
) -> None:
    """Serve the web app and the API with the production server (gunicorn)."""
    setup_django()
    from django.contrib.auth import get_user_model

    from telegov.core.demo import DEMO_PASSWORD, DEMO_USERNAME

    url = f"http://{host}:{port}/"
    console.print(f"telegov is serving on [bold]{url}[/bold] (API docs: {url}api/docs). Stop with Ctrl+C.")
    if get_user_model().objects.filter(username=DEMO_USERNAME).exists():
        console.print(f"Log in as [bold]{DEMO_USERNAME}[/bold] / [bold]{DEMO_PASSWORD}[/bold] (the demo user).")
    else:
        console.print("Log in with a user made by [bold]telegov user create[/bold].")
    gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable)) or "gunicorn"
    os.execv(gunicorn, [gunicorn, "telegov.wsgi:application", "--bind", f"{host}:{port}",
                        "--workers", str(workers), "--threads", str(threads), "--access-logfile", "-",
                        # Hits on published status pages stay out of the access log: in a spike they cost more
                        # to log than to serve.
                        "--logger-class", "telegov.disclosure.serving.AccessLogWithoutStatusFiles"])


user_app = typer.Typer(help="Users and their roles in organisations.", no_args_is_help=True)


@user_app.command("create")
def create_user(
    username: str,
    organisation: Annotated[str, typer.Option("--org", help="Slug of the organisation to join.")],
    role: Annotated[str, typer.Option(help="admin, chief_manager, editor, viewer or auditor.")] = "viewer",
    password: Annotated[str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True)] = "",
) -> None:
    """Create a user and make them a member of an organisation."""
    setup_django()
    from django.core.exceptions import ValidationError
    from django.db import transaction

    from telegov.core import services as actions
    from telegov.core.choices import Role
    from telegov.core.models import Organisation

    if role not in Role.values:
        errors.print(f"--role: {role!r} is not one of {', '.join(Role.values)}")
        raise typer.Exit(2)
    found = Organisation.objects.filter(slug=organisation).first()
    if found is None:
        errors.print(f"--org: no organisation {organisation!r}")
        raise typer.Exit(2)
    try:
        with transaction.atomic():
            user = actions.create_user(username, password)
            actions.add_member(None, found, user, role)
    except ValidationError as exc:
        errors.print(f"{exc}")
        raise typer.Exit(2) from None
    console.print(f"Created {username} as {role} of {found.name}.")


def token(
    username: str,
    name: Annotated[str, typer.Option(help="What the token is for.")] = "cli",
) -> None:
    """Issue an API token for a user (shown once; only its hash is stored)."""
    setup_django()
    from django.contrib.auth import get_user_model

    from telegov.core.models import ApiToken

    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        errors.print(f"no user {username!r}")
        raise typer.Exit(2)
    _, key = ApiToken.issue(user, name)
    console.print(key, highlight=False)


# Each app's worker round, as a management command: (command, arguments for a single round).
WORKER_ROUNDS = (
    ("telegov_dispatch", []),  # incidents: re-judge ongoing outages, reminders, signed webhooks
    ("deliver_status_updates", ["--once"]),  # status page: updates to subscribers
    ("userinfo_reminders", []),  # user information: duties, reviews, actions, self-assessment
    ("transmission_scans", []),  # external transmission: due re-scans and queued scan jobs
)


def work(
    loop: Annotated[bool, typer.Option(help="Keep running, one round every --interval seconds.")] = False,
    interval: Annotated[float, typer.Option(help="Seconds between rounds with --loop.")] = 30.0,
) -> None:
    """Send what is due: incident reminders and webhooks, status updates, user-information reminders.

    Run it from cron (one round) or with --loop as a service; several workers may run at once, since
    each claims its rows before sending.
    """
    setup_django()
    import time

    from django.core.management import call_command

    while True:
        for command, arguments in WORKER_ROUNDS:
            call_command(command, *arguments)
        if not loop:
            return
        time.sleep(interval)
