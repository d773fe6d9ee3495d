"""The `klimatkontrakt` console command: Django management with friendlier names.

`klimatkontrakt import-smhi FILE` runs the management command `import_smhi`; `serve` runs the
development server (use a WSGI server such as gunicorn in production, see docs/deployment.md).
"""

import os
import sys

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
    from django.core.management import execute_from_command_line

    execute_from_command_line(["klimatkontrakt", *args])


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
