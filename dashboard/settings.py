"""Every setting in one place, with its default and help text.

Each is read from the environment variable ``KEPU_<NAME>``; the defaults run
the dashboard on one machine (SQLite file, shipped boundaries, sample data).
``docs/settings.md`` lists them; a test fails when one is undocumented.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from data.import_read import Limits
from data.plan import DEFAULT_PLAN_FILE

# The import limits' defaults live with the reader that enforces them (data/import_read.py).
IMPORT_LIMITS = Limits()

ROOT = Path(__file__).resolve().parents[1]


def _env(name: str, default: str) -> str:
    return os.environ.get(f"KEPU_{name.upper()}", default)


@dataclass(frozen=True)
class Settings:
    database_url: str = field(
        default=f"sqlite:///{ROOT / 'instance' / 'kepu.sqlite3'}",
        metadata={
            "help": "SQLAlchemy URL of the store: a SQLite file by default, or postgresql+psycopg://user:pass@host/db"
        },
    )
    plan_file: str = field(
        default=str(DEFAULT_PLAN_FILE),
        metadata={"help": "The plan file (YAML) the dashboard monitors when KEPU_PLANS_DIR is empty"},
    )
    plans_dir: str = field(
        default="",
        metadata={
            "help": "Folder of plan files (*.yaml) served together from one store, e.g. one city's "
            "successive plan periods; each page's ?plan=CODE chooses one. Empty: the one plan of "
            "KEPU_PLAN_FILE"
        },
    )
    default_plan: str = field(
        default="",
        metadata={
            "help": "Code of the plan shown when a URL names none (with KEPU_PLANS_DIR); empty: the plan "
            "with the latest start year, the current one"
        },
    )
    shapes_dir: str = field(
        default="",
        metadata={
            "help": "Folder of boundary files for a plan whose region is not shipped (made by "
            "`kepu geo build`; named by region code, so one folder serves every plan of "
            "KEPU_PLANS_DIR); empty: the shipped shapes in geo/shapes"
        },
    )
    host: str = field(default="127.0.0.1", metadata={"help": "Address the development server listens on"})
    port: int = field(default=8050, metadata={"help": "Port the development server listens on"})
    debug: bool = field(default=False, metadata={"help": "Dash debug mode (never in production)"})
    sample_seed: int = field(default=2016, metadata={"help": "Seed of the sample-data generator"})
    import_max_bytes: int = field(
        default=IMPORT_LIMITS.max_bytes,
        metadata={"help": "Largest file an import accepts, in bytes (larger files are refused unread)"},
    )
    import_max_unzipped_bytes: int = field(
        default=IMPORT_LIMITS.max_unzipped_bytes,
        metadata={
            "help": "Largest total size an .xlsx may expand to, in bytes (zip-bomb guard, "
            "checked before the workbook is opened)"
        },
    )
    import_max_zip_ratio: int = field(
        default=int(IMPORT_LIMITS.max_zip_ratio),
        metadata={"help": "Largest ratio of an .xlsx's expanded size to its file size (zip-bomb guard)"},
    )
    secret_key: str = field(
        default="",
        repr=False,  # never in a log line or a traceback
        metadata={
            "help": "Key that signs the login session cookie. Production must set it (a long random "
            "string, the same for every worker); unset, each process makes a random one and "
            "logs a warning, so logins end when it restarts"
        },
    )
    embed_origins: str = field(
        default="",
        metadata={
            "help": "Origins of the intranet pages that may frame the dashboard (?embed=1), e.g. "
            "'http://oa.intranet https://portal.intranet:8443' (spaces or commas between them); "
            "empty: only the dashboard's own pages. Every other site is refused by the "
            "Content-Security-Policy's frame-ancestors"
        },
    )
    require_login: bool = field(
        default=False,
        metadata={
            "help": "true: every page asks for a login first; false: anyone who can reach the app may "
            "view it (importing and rolling back always need an editor account)"
        },
    )
    review_imports: bool = field(
        default=False,
        metadata={
            "help": "true: an import by an editor waits for review (status pending) and counts only once "
            "a reviewer or admin accepts it; returned batches leave the store as before "
            "(docs/reporting.md). false: every import counts at once"
        },
    )
    # -- login limits and request size (dashboard/login_limits.py, dashboard/auth.py; docs/production.md)
    login_max_failures: int = field(
        default=5,
        metadata={
            "help": "Failed logins for one account or from one address, within KEPU_LOGIN_WINDOW_MINUTES, "
            "after which further tries are refused without checking the password; 0 = no limit"
        },
    )
    login_window_minutes: int = field(
        default=15, metadata={"help": "Minutes over which failed logins are counted (from the first one)"}
    )
    login_lockout_minutes: int = field(
        default=15, metadata={"help": "Minutes an account or address stays locked out after too many failures"}
    )
    max_request_bytes: int = field(
        default=0,
        metadata={
            "help": "Largest request body, in bytes (larger ones are answered 413 unread); 0 = "
            "KEPU_IMPORT_MAX_BYTES × 4/3 (an upload travels base64-encoded in a callback) plus 1 MB"
        },
    )
    # -- production serving (gunicorn: dashboard/gunicorn_conf.py, `kepu serve`; docs/production.md)
    workers: int = field(default=0, metadata={"help": "gunicorn worker processes; 0 = 2 × CPU cores + 1, at most 8"})
    threads: int = field(default=4, metadata={"help": "Threads per gunicorn worker (gthread)"})
    timeout: int = field(
        default=120, metadata={"help": "Seconds a gunicorn worker may stay silent before it is restarted"}
    )
    max_requests: int = field(
        default=0,
        metadata={
            "help": "Requests a gunicorn worker serves before it is replaced by a fresh one (with up to "
            "10 % jitter, so workers are not replaced together); 0 = never"
        },
    )
    access_log: str = field(
        default="",
        metadata={
            "help": "gunicorn's access log: a file, '-' for stdout, empty for none (the app's "
            "JSON request log already has one line per request)"
        },
    )
    redis_url: str = field(
        default="",
        metadata={
            "help": "Redis URL (redis://host:6379/0). Set: every process shares one result cache in "
            "Redis and report exports run as Celery jobs (`kepu worker`); empty: a disk cache "
            "under KEPU_CACHE_DIR and exports in a local subprocess"
        },
    )
    cache_dir: str = field(
        default=str(ROOT / "instance" / "cache"),
        metadata={
            "help": "Folder of the embedded disk cache (shared by the processes of one host) and of "
            "background-job results when Redis is not configured"
        },
    )
    warm_seconds: int = field(
        default=10,
        metadata={
            "help": "Seconds between a server process's checks for new data: after a start and after each "
            "import it computes the common views (every page at its defaults, every year of the overview "
            "and the map) into the shared cache in the background; 0: never"
        },
    )
    request_log: bool = field(
        default=True,
        metadata={"help": "One JSON line per request on stderr: method, path, status, ms, bytes, callback output"},
    )
    backup_dir: str = field(
        default="",
        metadata={
            "help": "Folder of the backups `kepu backup` writes without --out and of the one made before a "
            "migration changes an existing store; empty: backups/ next to the SQLite file (instance/backups "
            "for PostgreSQL)"
        },
    )

    @classmethod
    def from_env(cls, **overrides) -> Settings:
        values: dict[str, Any] = {}  # each field's value, of that field's type
        for f in fields(cls):
            raw = _env(f.name, str(f.default))
            if f.type in ("int", int):
                values[f.name] = int(raw)
            elif f.type in ("bool", bool):
                values[f.name] = raw.strip().lower() in ("1", "true", "yes", "on")
            else:
                values[f.name] = raw
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def import_limits(self) -> Limits:
        """What an import accepts, for the web upload and ``kepu import`` alike."""
        return Limits(
            max_bytes=self.import_max_bytes,
            max_unzipped_bytes=self.import_max_unzipped_bytes,
            max_zip_ratio=float(self.import_max_zip_ratio),
        )

    def backups_folder(self) -> Path:
        """Where backups go: KEPU_BACKUP_DIR, else backups/ beside the SQLite file (instance/backups)."""
        if self.backup_dir:
            return Path(self.backup_dir)
        if self.database_url.startswith("sqlite:///") and not self.database_url.startswith("sqlite:///:memory:"):
            return Path(self.database_url.removeprefix("sqlite:///")).parent / "backups"
        return ROOT / "instance" / "backups"

    def request_limit(self) -> int:
        """Flask's MAX_CONTENT_LENGTH: KEPU_MAX_REQUEST_BYTES, or room for the largest upload."""
        if self.max_request_bytes > 0:
            return self.max_request_bytes
        return -(-self.import_max_bytes * 4 // 3) + 1024 * 1024

    @staticmethod
    def documented() -> list[tuple[str, str, str]]:
        return [(f"KEPU_{f.name.upper()}", str(f.default), f.metadata["help"]) for f in fields(Settings)]
