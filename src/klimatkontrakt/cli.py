"""The `klimatkontrakt` console command: Django management with friendlier names.

`klimatkontrakt import-smhi FILE` runs the management command `import_smhi`; `serve` runs the
development server with a task worker beside it (`--no-worker` leaves it out; Ctrl-C stops
both). In production run gunicorn and `klimatkontrakt worker` separately, see docs/deployment.md.
"""

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress

ALIASES = {"serve": "runserver"}


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klimatkontrakt.settings")
    args = list(sys.argv[1:] if argv is None else argv)
    if args and not args[0].startswith("-"):
        name = args[0].replace("-", "_")
        args[0] = ALIASES.get(name, name)
        if args[0] == "runserver":
            args = _serve_args(args[1:])
            _anonymous_server_header()
            if "--no-worker" in args:
                args.remove("--no-worker")
            elif os.environ.get("RUN_MAIN") != "true":  # not in the autoreloader's child
                with worker_beside():
                    _execute(args)
                return
    _execute(args)


def _execute(args: list[str]) -> None:
    from django.core.management import execute_from_command_line

    execute_from_command_line(["klimatkontrakt", *args])


@contextmanager
def worker_beside() -> Iterator[subprocess.Popen[bytes]]:
    """A `klimatkontrakt worker` process for as long as the block runs, then stopped.

    It runs in its own process group (with its autoreloader's child, under DEBUG), which is
    stopped whole: first asked (SIGTERM lets a running task finish), then killed after 30 s.
    """
    worker = subprocess.Popen(
        [sys.executable, "-m", "klimatkontrakt", "worker"], start_new_session=True
    )
    # A SIGTERM to the server (a process manager, `kill`) stops the worker too, as Ctrl-C does.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    try:
        yield worker
    finally:
        _stop_group(worker, signal.SIGTERM)
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            _stop_group(worker, signal.SIGKILL)
            worker.wait()


def _stop_group(worker: subprocess.Popen[bytes], sig: int) -> None:
    with suppress(ProcessLookupError):
        os.killpg(worker.pid, sig)


def _anonymous_server_header() -> None:
    """The development server names itself without versions (`Server: klimatkontrakt`) instead
    of announcing Python's version to every client; gunicorn says only `gunicorn`."""
    from django.core.servers import basehttp

    basehttp.ServerHandler.server_software = "klimatkontrakt"
    basehttp.WSGIRequestHandler.server_version = "klimatkontrakt"
    basehttp.WSGIRequestHandler.sys_version = ""


def _serve_args(rest: list[str]) -> list[str]:
    """Translate `serve [--host H] [--port P]` into runserver's `H:P` argument."""
    host, port, passthrough = "127.0.0.1", "8000", []
    it = iter(rest)
    for arg in it:
        if arg == "--host":
            host = next(it)
        elif arg.startswith("--host="):
            host = arg.split("=", 1)[1]
        elif arg == "--port":
            port = next(it)
        elif arg.startswith("--port="):
            port = arg.split("=", 1)[1]
        else:
            passthrough.append(arg)
    address = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    return ["runserver", address, *passthrough]


if __name__ == "__main__":
    main()
