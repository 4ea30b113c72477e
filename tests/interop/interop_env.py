"""Reads the env file that scripts/interop/start.sh writes (KEY=value lines).

The file is named by MAILPROTO_INTEROP_ENV; without it, the default run directory's env file
is used. A missing file is an error, never a skip: the interop tests must be able to fail.
"""

import os
import pathlib

REPO = pathlib.Path(__file__).resolve().parents[2]


def env_path() -> pathlib.Path:
    explicit = os.environ.get("MAILPROTO_INTEROP_ENV")
    if explicit:
        return pathlib.Path(explicit)
    return REPO / "target" / "interop" / "env"


def load() -> dict:
    path = env_path()
    if not path.is_file():
        raise RuntimeError(
            f"interop env file {path} is missing: start the servers with scripts/interop/start.sh"
        )
    values = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition("=")
        if not sep:
            raise RuntimeError(f"malformed line in {path}: {line!r}")
        values[key] = value
    for key in ("SMTP_HOST", "SMTP_PORT", "IMAP_PORT", "POP3_PORT", "MAIL_USER",
                "MAIL_PASSWORD", "MAIL_ADDRESS", "CA_CERT"):
        if key not in values:
            raise RuntimeError(f"{path} lacks {key}")
    return values


ENV = load()
HOST = ENV["SMTP_HOST"]
SMTP_PORT = int(ENV["SMTP_PORT"])
IMAP_PORT = int(ENV["IMAP_PORT"])
POP3_PORT = int(ENV["POP3_PORT"])
USER = ENV["MAIL_USER"]
PASSWORD = ENV["MAIL_PASSWORD"]
ADDRESS = ENV["MAIL_ADDRESS"]
DOMAIN = ENV.get("MAIL_DOMAIN", ADDRESS.partition("@")[2])
CA_CERT = ENV["CA_CERT"]
TLS_SERVER_NAME = ENV.get("TLS_SERVER_NAME", "localhost")
