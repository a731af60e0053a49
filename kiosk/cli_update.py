"""`kiosk update`: the terminal's side of signed updates with rollback.

- ``kiosk sync`` (the sync unit, user kiosk) looks for a newer signed release every
  ``--update-every`` seconds and stages it (``sync_tasks``), and after each start sends
  one heartbeat whose acknowledgement it marks for the health check.
- ``kiosk run`` (the screen) marks whether it is at home (``screen_marker``): the idle
  window and half of the health check.
- ``kiosk update apply`` (root, the update timer) applies a staged release when idle,
  restarts the units, keeps it when healthy, rolls it back when not.
- ``kiosk update status`` prints what 维护信息 shows about updates.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import kiosk
from kiosk.updates import HEALTH_DEADLINE_S, IDLE_MIN_S, BeatMark, update_problem, update_words

if TYPE_CHECKING:
    from kiosk.app import Kiosk
    from kiosk.config import Config
    from kiosk.store import Store
    from kiosk.update_apply import AppMarker
    from sync.client import PlatformClient

UPDATE_CHECK_S = 600.0
BEAT_CHECK_S = 20.0


def at_home(k: Kiosk) -> bool:
    """No visit in progress: both the legacy session and the resident flow at home."""
    from kiosk.flow.steps import Step as FlowStep
    from kiosk.session import Step

    flow = k._flow  # read only: never build the flow just to ask
    return k.session.view.step == Step.HOME and (flow is None
                                                 or flow.visit.step is FlowStep.HOME)


def screen_marker(k: Kiosk) -> AppMarker:
    from kiosk.update_apply import AppMarker

    return AppMarker(k.config.data_dir, lambda: at_home(k)).start()


def sync_tasks(cfg: Config, store: Store, client: PlatformClient,
               check_every_s: float = UPDATE_CHECK_S) -> list[Callable[[], None]]:
    """The sync loop's update work, for an enrolled terminal: the background download
    and this process's health heartbeat."""
    from kiosk.identity_keys import load_enrolment
    from kiosk.provision import every, heartbeat
    from kiosk.update_apply import (
        failed_versions,
        read_beat_mark,
        updates_dir,
        write_beat_mark,
    )
    from sync.updates import UpdateFetcher

    enrolment = load_enrolment(cfg)
    if enrolment is None:
        return []
    key = enrolment.platform_public_key

    def fetch() -> None:
        outcome = UpdateFetcher(client, key, updates_dir(cfg.data_dir), kiosk.__version__,
                                failed_versions(cfg.data_dir)).check()
        if outcome.outcome in ("staged", "refused"):
            print(f"update {outcome.version}: {outcome.outcome} {outcome.code} "
                  f"{outcome.detail}".rstrip(), file=sys.stderr, flush=True)

    def beat() -> None:
        mark = read_beat_mark(cfg.data_dir)
        if mark is not None and mark.version == kiosk.__version__ and mark.pid == os.getpid():
            return  # this process has proved itself; the regular heartbeat goes on
        heartbeat(store, client)  # raises PlatformError when not acknowledged
        write_beat_mark(cfg.data_dir, BeatMark(kiosk.__version__, os.getpid(), time.time()))

    return [every(BEAT_CHECK_S, beat), every(check_every_s, fetch)]


def cmd_apply(args: argparse.Namespace) -> int:
    from kiosk.cli import config_from_args
    from kiosk.identity_keys import load_enrolment
    from kiosk.update_apply import (
        RESTART,
        STATE_DIR,
        STOP,
        Applier,
        InstallLayout,
        command_restart,
    )

    cfg = config_from_args(args)
    enrolment = load_enrolment(cfg)
    restart = ([shlex.split(c) for c in args.restart_cmd] if args.restart_cmd
               else [list(c) for c in RESTART])
    stop = ([shlex.split(c) for c in args.stop_cmd] if args.stop_cmd
            else [list(c) for c in STOP])
    applier = Applier(InstallLayout(Path(args.root)), cfg.data_dir,
                      Path(args.state_dir or STATE_DIR),
                      enrolment.platform_public_key if enrolment else None,
                      command_restart(restart), command_restart(stop),
                      deadline_s=args.deadline,
                      idle_min_s=args.idle, poll_s=args.poll)
    try:
        line = applier.run()
    except OSError as exc:  # a full or read-only disk: the next timer run picks up from here
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or exc} (what runs stays; the next run applies, "
              "confirms or rolls back)", file=sys.stderr)
        return 6
    print(line)
    if line.startswith("rolled back"):
        return 1
    return 3 if line.startswith("refused") else 0


def cmd_status(args: argparse.Namespace) -> int:
    from kiosk.cli import config_from_args
    from kiosk.update_apply import InstallLayout, read_notice, running_version

    cfg = config_from_args(args)
    notice = read_notice(cfg.data_dir, running_version(InstallLayout(Path(args.root))))
    print(f"version: {update_words(notice)}")
    if notice.fetch_outcome:
        print(f"last look at the platform: {notice.fetch_outcome} {notice.fetch_version} "
              f"{notice.fetch_code}".rstrip())
    problem = update_problem(notice)
    if problem is not None:
        print(f"look at: {problem.headline} — {problem.action}")
        if problem.detail:
            print(f"detail: {problem.detail}")
    return 1 if problem is not None and problem.error else 0


def cmd_forget_key(args: argparse.Namespace) -> int:
    from kiosk.update_apply import STATE_DIR

    path = Path(args.state_dir or STATE_DIR) / "platform.pub"
    try:
        path.unlink()
    except FileNotFoundError:
        print("no platform key was pinned")
        return 0
    print(f"removed {path}: the next update pins the enrolment's platform key")
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    """On the platform host: puts a wheel on the shelf and signs its manifest."""
    from sync.platform.server import platform_signing_key
    from sync.platform.updates import PublishRefused, UpdateShelf

    db = Path(args.db)
    if not db.is_file():
        print(f"error: --db {db}: no platform database there", file=sys.stderr)
        return 2
    try:
        doc = UpdateShelf(db).publish(Path(args.wheel), platform_signing_key(db), args.notes)
    except PublishRefused as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"published update #{doc.version}: {doc.body}")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    # `kiosk platform update publish`: beside `platform serve` and `platform account`.
    plat = sub.choices["platform"]
    psub = next(a for a in plat._actions if isinstance(a, argparse._SubParsersAction))
    pu = psub.add_parser("update", help="publish a signed terminal update")
    pusub = pu.add_subparsers(dest="update_command", required=True, metavar="ACTION")
    pp = pusub.add_parser("publish", help="sign and publish a village_kiosk wheel as the "
                                          "terminals' next update")
    pp.set_defaults(func=cmd_publish)
    pp.add_argument("wheel", help="village_kiosk-VERSION-py3-none-any.whl")
    pp.add_argument("--db", default="platform.sqlite3")
    pp.add_argument("--notes", default="", help="a line for the county's records")
    up = sub.add_parser("update", help="signed updates: apply a staged release, status",
                        description="Updates are downloaded by `kiosk sync` and applied by "
                                    "`kiosk update apply` (root, the update timer).")
    usub = up.add_subparsers(dest="update_command", required=True, metavar="ACTION")
    ap = usub.add_parser("apply", help="apply a staged release when idle; health-check it; "
                                       "roll back when it fails (as root)")
    ap.set_defaults(func=cmd_apply)
    ap.add_argument("--restart-cmd", action="append", default=[],
                    help="command that restarts the screen and sync (repeatable; default "
                         "systemctl reset-failed + restart --no-block of both units)")
    ap.add_argument("--stop-cmd", action="append", default=[],
                    help="command that stops both before the database is put back on a "
                         "rollback (repeatable; default systemctl stop of both units)")
    ap.add_argument("--deadline", type=float, default=HEALTH_DEADLINE_S,
                    help="seconds the new version has to reach home and a heartbeat")
    ap.add_argument("--idle", type=float, default=IDLE_MIN_S,
                    help="seconds the screen must have been at home before applying")
    ap.add_argument("--poll", type=float, default=2.0, help=argparse.SUPPRESS)
    st = usub.add_parser("status", help="the running version and the last update's fate")
    st.set_defaults(func=cmd_status)
    fk = usub.add_parser("forget-key", help="drop the platform key pinned for updates (after "
                                            "the county changed its key; as root)")
    fk.set_defaults(func=cmd_forget_key)
    for p in (ap, st, fk):
        p.add_argument("--data-dir", help="override the config's data_dir")
        p.add_argument("--root", default="/opt/village-kiosk", help="the install root")
        p.add_argument("--state-dir", help="the applier's own folder (default "
                                           "/var/lib/village-kiosk-update)")
