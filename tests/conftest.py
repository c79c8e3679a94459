"""Shared fixtures: stores on SQLite and on a real PostgreSQL started on loopback.

PostgreSQL: set KEPU_TEST_POSTGRES_URL to use a server you run; otherwise the
suite starts a throw-away cluster with Debian's initdb/pg_ctl (installed by
``make test``) in a temporary folder, listening on 127.0.0.1 only.  In CI
(CI=true) a missing PostgreSQL is an error, not a skip.

Redis likewise: KEPU_TEST_REDIS_URL, or Debian's redis-server started on a
free loopback port with nothing saved to disk.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import pytest
from hypothesis import settings

from data.plan import load_plan

# Shared machines are noisy: a property test is judged on its examples, not on a
# per-example deadline that a busy core can miss.
settings.register_profile("kepu", deadline=None)
settings.load_profile("kepu")

ROOT = Path(__file__).resolve().parents[1]
SEED_DIR = ROOT.parent / "shared" / "seed"


@pytest.fixture(scope="session")
def plan():
    return load_plan()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


@pytest.fixture(scope="session")
def postgres_server():
    """URL of a PostgreSQL server (admin database), started for this session if needed."""
    url = os.environ.get("KEPU_TEST_POSTGRES_URL")
    if url:
        yield url
        return
    bindir = _pg_bin()
    if bindir is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL is not installed; `make test` installs it (scripts/install-system-deps.sh)")
        pytest.skip("PostgreSQL not installed (run `make test` to install it)")
    workdir = Path(tempfile.mkdtemp(prefix="kepu-pg-"))
    datadir = workdir / "data"
    port = _free_port()
    run_as: list[str] = []
    if os.geteuid() == 0:
        # initdb refuses to run as root: use Debian's postgres system user.
        user = pwd.getpwnam("postgres")
        os.chown(workdir, user.pw_uid, user.pw_gid)
        run_as = ["runuser", "-u", "postgres", "--"]
    subprocess.run(
        [
            *run_as,
            str(bindir / "initdb"),
            "-D",
            str(datadir),
            "-A",
            "trust",
            "-U",
            "kepu",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        ],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [
            *run_as,
            str(bindir / "pg_ctl"),
            "-D",
            str(datadir),
            "-w",
            "-l",
            str(workdir / "log"),
            "-o",
            f"-p {port} -h 127.0.0.1 -k {workdir} -c fsync=off",
            "start",
        ],
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql+psycopg://kepu@127.0.0.1:{port}/postgres"
    finally:
        # Best effort: the server may already be gone, and teardown must still remove its directory.
        subprocess.run(
            [*run_as, str(bindir / "pg_ctl"), "-D", str(datadir), "-m", "immediate", "stop"],
            capture_output=True,
            check=False,
        )
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def redis_url():
    """URL of a Redis server, started for this session if needed (loopback, no persistence)."""
    url = os.environ.get("KEPU_TEST_REDIS_URL")
    if url:
        yield url
        return
    server = shutil.which("redis-server")
    if server is None:
        if os.environ.get("CI"):
            pytest.fail("redis-server is not installed; `make test` installs it (scripts/install-system-deps.sh)")
        pytest.skip("redis-server not installed (run `make test` to install it)")
    workdir = Path(tempfile.mkdtemp(prefix="kepu-redis-"))
    port = _free_port()
    proc = subprocess.Popen(
        [
            server,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(workdir),
            "--protected-mode",
            "yes",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                    s.sendall(b"PING\r\n")
                    if s.recv(16).startswith(b"+PONG"):
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"redis-server did not start on port {port}")
            time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server):
    """A fresh, empty database on the session's PostgreSQL server."""
    from sqlalchemy import create_engine, text

    name = f"kepu_{uuid.uuid4().hex[:10]}"
    admin = create_engine(postgres_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    url = postgres_server.rsplit("/", 1)[0] + f"/{name}"
    yield url
    with admin.connect() as c:
        c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request, tmp_path):
    """Each store test runs on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'kepu.sqlite3'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def engine(store_url, plan):
    """An upgraded store with the plan synced, no observations."""
    from data.store import make_engine, sync_plan, upgrade

    eng = make_engine(store_url)
    upgrade(eng)
    sync_plan(eng, plan)
    yield eng
    eng.dispose()


@pytest.fixture(scope="session")
def plans_dir(tmp_path_factory):
    """A folder with two plans (tests/support/plans.py): the shipped 2016–2020 plan and a fixture
    2021–2025 plan that follows it, several indicators continuing the earlier plan's."""
    from tests.support.plans import write_plans

    return write_plans(tmp_path_factory.mktemp("plans"), follows=True)
