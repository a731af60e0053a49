"""The `kiosk` command: the terminal, its demo, its platform and its maintenance tools."""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import logging
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.config import Config, ConfigError, check_for_residents, load_config, validate

if TYPE_CHECKING:
    from kiosk.app import Kiosk

# Each area of the terminal adds its own subcommands from a module of its own
# (``register(subparsers)``), so this file does not grow with every issue.
EXTENSIONS: tuple[str, ...] = ("kiosk.cli_sync", "kiosk.cli_card", "kiosk.cli_services",
                               "kiosk.cli_devices", "kiosk.cli_update")


# What `pip install 'village-kiosk[platform]'` adds (pyproject's platform extra).
PLATFORM_MODULES = frozenset({"fastapi", "starlette", "uvicorn", "multipart",
                              "python_multipart", "argon2"})


def config_from_args(args: argparse.Namespace) -> Config:
    if args.config and not (Path(args.config).exists() or Path(args.config).is_symlink()):
        # typed on purpose, so a typo is not quietly the defaults (KIOSK_CONFIG may be absent)
        raise ConfigError(f"config file {args.config}: no such file")
    cfg = load_config(Path(args.config) if args.config else None)
    if getattr(args, "data_dir", None):
        cfg = validate(replace(cfg, data_dir=Path(args.data_dir)))
    return cfg


def cmd_demo(args: argparse.Namespace) -> int:
    from kiosk import demo

    out = Path(args.out or f"demo-output/{dt.datetime.now():%Y%m%d-%H%M%S}").resolve()
    cfg = config_from_args(args)
    if args.headless or not demo.has_display():
        return demo.run_headless(cfg, out, args.item or "")
    return demo.run_windowed(cfg, out)


def cmd_run(args: argparse.Namespace) -> int:
    """The terminal. The front end draws the home screen from the configuration first and
    opens the terminal behind it (``Frontend.serve``); it tells systemd READY=1 from the
    terminal window's first frame and pings WATCHDOG=1 from its GUI thread."""
    from kiosk.frontend import load_frontend

    cfg = check_for_residents(config_from_args(args))  # never on mocks unasked
    opened: list[Kiosk] = []

    def open_kiosk() -> Kiosk:
        from kiosk.app import Kiosk

        kiosk = Kiosk.open(cfg)
        opened.append(kiosk)
        kiosk.worker.start()
        # At home or not, every 2 s: an update's idle window and its health check.
        from kiosk.cli_update import screen_marker

        screen_marker(kiosk)
        return kiosk

    try:
        return load_frontend().serve(cfg, open_kiosk)
    finally:
        for kiosk in opened:
            kiosk.close()


def cmd_doctor(args: argparse.Namespace) -> int:
    from kiosk.doctor import format_check, run_checks

    checks = run_checks(config_from_args(args))
    for c in checks:
        print(format_check(c))
    return 0 if all(c.ok for c in checks) else 1


def cmd_platform_serve(args: argparse.Namespace) -> int:
    from sync.platform.server import Faults, serve

    faults = Faults(fail_rate=args.fail_rate, garbage_rate=args.garbage_rate,
                    delay_after_commit_s=args.delay_after_commit,
                    chaos_rate=args.chaos_rate, hang_s=args.hang)
    if faults != Faults() and not args.test_mode:
        print("error: fault injection (--fail-rate, --chaos-rate, ...) needs --test-mode",
              file=sys.stderr)
        return 2
    if len(args.enrol_code) != len(args.enrol_terminal):
        print("error: every --enrol-code needs its --enrol-terminal (the one terminal id "
              "it enrols)", file=sys.stderr)
        return 2
    if args.admin_port is not None and args.admin_port == args.port:
        print("error: --admin-port must differ from --port", file=sys.stderr)
        return 2
    if args.test_mode:
        print("platform: TEST MODE (fault injection and test hooks on): never for a county",
              file=sys.stderr)
    serve(Path(args.db), host=args.host, port=args.port, faults=faults,
          enrol_codes=tuple(zip(args.enrol_code, args.enrol_terminal, strict=True)),
          ssl_certfile=args.tls_cert, ssl_keyfile=args.tls_key, test_mode=args.test_mode,
          admin_port=args.admin_port, admin_host=args.admin_host)
    return 0


def cmd_platform_account(args: argparse.Namespace) -> int:
    """Adds a staff account to the platform database; the password comes from the
    prompt (twice) or, when stdin is not a terminal, from its first line."""
    import getpass

    from sync.platform.db import PlatformDB
    from sync.platform.staff import ROLE_LABELS, Staff, StaffError

    if sys.stdin.isatty():
        password = getpass.getpass(f"password for {args.name}: ")
        if getpass.getpass("again: ") != password:
            print("error: the two passwords differ", file=sys.stderr)
            return 2
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    try:
        member = Staff(PlatformDB(Path(args.db))).add(args.name, args.role, password)
    except StaffError as exc:
        print(f"error: {exc.detail}", file=sys.stderr)
        return 2
    print(f"account {member.name} added: {member.role} ({ROLE_LABELS[member.role]})")
    return 0


def cmd_submit(args: argparse.Namespace) -> int:
    """Queues a case described by a JSON file (applicant, items, form) — for back-office
    entry and tests; the resident path goes through the card reader instead."""
    from kiosk.app import Kiosk
    from kiosk.applications import ApplicationInvalid
    from kiosk.catalog import CatalogError
    from kiosk.jsonfile import JsonFileError, read_json_file
    from kiosk.services import SpecError, application_from_spec

    shape = "expected {'applicant': {name, id_number, ...}, 'items': [{code, name}], " \
            "'form': {...}}"
    try:  # a directory, a FIFO, a huge or deeply nested file: one line, nothing read whole
        spec = read_json_file(Path(args.file))
    except JsonFileError as exc:
        print(f"error: {args.file}: {exc} ({shape})", file=sys.stderr)
        return 2
    if not isinstance(spec, dict) or not isinstance(spec.get("applicant"), dict):
        print(f"error: {args.file}: {shape}", file=sys.stderr)
        return 2
    # The applicant (bounds, number by its card kind) is checked with the rest of the
    # application below, before anything is stored.
    cfg = config_from_args(args)
    kiosk = Kiosk.open(cfg)
    try:  # the same path as the touch screens: catalog, form checks, bundle split
        app = application_from_spec(kiosk.catalog, spec, Path(args.file).parent)
        for case in kiosk.submit_application(app):
            print(case.local_no)
    except (SpecError, CatalogError) as exc:
        print(f"error: {args.file}: {exc}", file=sys.stderr)
        return 2
    except ApplicationInvalid as exc:
        for p in exc.problems:
            print(f"error: {args.file}: {p.field}: {p.message}", file=sys.stderr)
        return 2
    finally:
        kiosk.close()
    return 0


def cmd_queue(args: argparse.Namespace) -> int:
    from kiosk.app import Kiosk

    kiosk = Kiosk.open(config_from_args(args))
    try:
        rows = kiosk.store.outbox_rows()
        pending = sum(r["state"] == "pending" for r in rows)
        parked = sum(r["state"] == "parked" for r in rows)
        print(f"pending: {pending}  parked: {parked}  sent: {len(rows) - pending - parked}")
        st = kiosk.store.sync_status()
        link = {None: "never contacted", True: "online", False: "offline"}[st.online]
        print(f"platform: {link}  audit events not yet shipped: {st.audit_backlog}"
              + (f"  last error: {st.detail}" if st.detail else ""))
        d = kiosk.maintenance_view().diagnosis  # the same words as 维护信息 on the screen
        print(f"look at first: [{d.severity}] {d.headline} — {d.action}")
        for r in rows:
            if r["state"] != "sent" or args.all:
                err = f"  last error: {r['last_error']}" if r["last_error"] else ""
                print(f"#{r['id']} {r['kind']} {r['state']} attempts={r['attempts']}{err}")
    finally:
        kiosk.close()
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    from kiosk.app import Kiosk

    kiosk = Kiosk.open(config_from_args(args))
    kiosk.client.timeout_s = args.timeout
    try:
        if args.once:
            from kiosk.provision import sync_once_extras

            r = kiosk.worker.drain(wait_s=args.wait)
            if r.busy:
                print(f"another drain held the outbox for {args.wait:g} s (the kiosk service "
                      "is sending); nothing sent from here — `kiosk queue` shows progress",
                      file=sys.stderr)
                return 5
            print(f"sent: {r.sent}  failed: {r.failed}  parked: {r.parked}  "
                  f"still queued: {kiosk.queue_depth()}"
                  + ("  (platform unreachable)" if r.offline else ""))
            if r.auth_error:
                print(f"error: {r.auth_error}", file=sys.stderr)
                return 4
            if not r.offline:
                for line in sync_once_extras(kiosk.config, kiosk.store, kiosk.client):
                    print(line)
            return 0 if not r.offline else 3
        kiosk.worker.backoff_base_s = args.backoff_base
        kiosk.worker.backoff_cap_s = args.backoff_cap
        if args.update_every > 0:  # the sync unit downloads signed updates in the background
            from kiosk.cli_update import sync_tasks

            kiosk.worker.periodic += sync_tasks(kiosk.config, kiosk.store, kiosk.client,
                                                args.update_every)
        kiosk.worker.start(interval_s=args.interval)
        try:
            while True:
                kiosk.worker._stop.wait(3600)
        except KeyboardInterrupt:
            return 0
    finally:
        kiosk.close()


def cmd_receipt(args: argparse.Namespace) -> int:
    from kiosk.app import Kiosk
    from kiosk.jsonfile import JsonFileError, check_output_path

    try:  # a folder or a FIFO as --pdf: one line before the terminal's data is opened
        check_output_path(Path(args.pdf))
    except JsonFileError as exc:
        print(f"error: --pdf {args.pdf}: {exc}", file=sys.stderr)
        return 2
    kiosk = Kiosk.open(config_from_args(args))
    try:
        case = kiosk.store.find_case(args.case)
        if case is None:
            print(f"error: no case numbered {args.case} on this terminal", file=sys.stderr)
            return 2
        try:
            print(kiosk.receipt(case, Path(args.pdf), layout=args.layout))
        except OSError as exc:
            print(f"error: --pdf {args.pdf}: cannot write it ({exc.strerror})",
                  file=sys.stderr)
            return 2
    finally:
        kiosk.close()
    return 0


def cmd_screenshots(args: argparse.Namespace) -> int:
    import os

    from kiosk.app import Kiosk
    from kiosk.frontend import load_frontend

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    kiosk = Kiosk.open(config_from_args(args))
    try:
        if not args.audit:
            for p in load_frontend().screenshots(kiosk, Path(args.outdir),
                                                 elder=args.elder or args.rules == "elder",
                                                 high_contrast=args.high_contrast):
                print(p)
            return 0
        paths, violations, summary = load_frontend().audit(kiosk, Path(args.outdir),
                                                           args.rules, args.high_contrast)
        for p in paths:
            print(p)
        for line in violations:
            print(line)
        print(summary)
        return 1 if violations else 0
    finally:
        kiosk.close()


def cmd_mock(args: argparse.Namespace) -> int:
    """Drives the mock devices of a running terminal from another shell."""
    cfg = config_from_args(args)
    if args.device == "card":
        from devices.idcard.mock import MockCardReader
        from kiosk.demo import sample_card

        reader = MockCardReader(cfg.mock_dir)
        if args.action == "insert":
            card = sample_card()
            if args.name:
                card = replace(card, name=args.name)
            reader.insert(card)
        elif args.action == "torn":
            reader.insert_torn()
        else:
            reader.remove()
    else:
        from devices.printer.mock import MockPrinter

        MockPrinter(cfg.mock_dir).set_sheets(args.sheets)
    print("ok")
    return 0


# Commands defined in this file that the extensions' imports would only slow down:
# `kiosk run` is timed from spawn to its first frame (benchmarks/bench_ui.py), and the
# extension modules import the card decoder, the catalog and the device registry.
OWN_FAST_COMMANDS = frozenset({"run"})


def command_of(argv: Sequence[str]) -> str | None:
    """The subcommand ``argv`` names (skipping the top-level options), if any."""
    it = iter(argv)
    for arg in it:
        if arg == "--config":
            next(it, None)
        elif not arg.startswith("-"):
            return arg
    return None


def build_parser(extensions: bool = True) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kiosk", description="village-kiosk 政务服务自助终端")
    p.add_argument("--config", help="TOML config file (default: the platformdirs config dir)")
    p.add_argument("-v", "--verbose", action="store_true")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, func: object, help_: str) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help_, description=help_)
        sp.set_defaults(func=func)
        sp.add_argument("--data-dir", help="override the config's data_dir")
        return sp

    sp = add("demo", cmd_demo, "run the demo: mock devices, embedded platform")
    sp.add_argument("--out", help="folder for screenshots, receipt and demo data")
    sp.add_argument("--headless", action="store_true", help="scripted flow even with a display")
    sp.add_argument("--item", metavar="CODE",
                    help="headless: the scripted visit for this item or bundle code "
                         "(or 'all': every one); exits 1 if any step fails")
    add("run", cmd_run, "run the terminal with the configured devices and platform")
    add("doctor", cmd_doctor, "check the environment, one line per check with its fix")
    plat = sub.add_parser("platform", help="the reference county platform")
    psub = plat.add_subparsers(dest="platform_command", required=True, metavar="ACTION")
    ps = psub.add_parser("serve", help="serve the reference platform on 127.0.0.1")
    ps.set_defaults(func=cmd_platform_serve)
    ps.add_argument("--host", default="127.0.0.1")
    ps.add_argument("--port", type=int, default=8765)
    ps.add_argument("--db", default="platform.sqlite3")
    ps.add_argument("--fail-rate", type=float, default=0.0)
    ps.add_argument("--garbage-rate", type=float, default=0.0)
    ps.add_argument("--delay-after-commit", type=float, default=0.0)
    ps.add_argument("--chaos-rate", type=float, default=0.0,
                    help="share of requests hit by a random fault (5xx, reset, hang, garbage...)")
    ps.add_argument("--hang", type=float, default=30.0, help="seconds a 'hang' fault holds")
    ps.add_argument("--enrol-code", action="append", default=[],
                    help="accept this one-time enrolment code (repeatable, each with its "
                         "--enrol-terminal)")
    ps.add_argument("--enrol-terminal", action="append", default=[],
                    help="the terminal id the matching --enrol-code is for")
    ps.add_argument("--admin-port", type=int,
                    help="serve the staff routes (/api/v1/admin) on this port only")
    ps.add_argument("--admin-host", default="127.0.0.1",
                    help="address of the staff listener (default 127.0.0.1)")
    ps.add_argument("--test-mode", action="store_true",
                    help="enable fault injection and test hooks (tests only)")
    ps.add_argument("--tls-cert", help="serve https with this certificate (PEM)")
    ps.add_argument("--tls-key", help="the certificate's private key (PEM)")
    pa = psub.add_parser("account", help="staff accounts of the platform")
    pasub = pa.add_subparsers(dest="account_command", required=True, metavar="ACTION")
    pad = pasub.add_parser("add", help="add a staff account (password from the prompt or "
                                       "the first line of stdin)")
    pad.set_defaults(func=cmd_platform_account)
    pad.add_argument("name")
    pad.add_argument("--role", required=True,
                     choices=["admin", "clerk", "technician", "readonly"],
                     help="admin 管理员, clerk 受理/审核, technician 技术员, readonly 只读")
    pad.add_argument("--db", default="platform.sqlite3")
    sp = add("submit", cmd_submit, "queue a case from a JSON file")
    sp.add_argument("file")
    sp = add("queue", cmd_queue, "show the outbox")
    sp.add_argument("--all", action="store_true", help="include sent items")
    sp = add("sync", cmd_sync, "send queued items to the platform")
    sp.add_argument("--once", action="store_true", help="drain once and exit")
    sp.add_argument("--wait", type=float, default=60.0,
                    help="with --once: seconds to wait for a drain already running")
    sp.add_argument("--interval", type=float, default=5.0, help="seconds between drains")
    sp.add_argument("--backoff-base", type=float, default=2.0,
                    help="first retry delay in seconds (doubles per attempt, with jitter)")
    sp.add_argument("--backoff-cap", type=float, default=900.0, help="longest retry delay")
    sp.add_argument("--timeout", type=float, default=15.0,
                    help="seconds to wait for each platform answer")
    sp.add_argument("--update-every", type=float, default=600.0,
                    help="seconds between looks for a signed update (0: never)")
    sp = add("receipt", cmd_receipt, "render a case's receipt")
    sp.add_argument("case", help="platform or provisional case number")
    sp.add_argument("--pdf", required=True, help="output PDF path")
    sp.add_argument("--layout", choices=["80mm", "a4"], default="80mm",
                    help="80 mm thermal roll (default) or A4")
    sp = add("screenshots", cmd_screenshots, "render every screen to PNG offscreen")
    sp.add_argument("outdir")
    sp.add_argument("--audit", action="store_true",
                    help="measure every screen against the 适老化 rules (sizes, text, "
                         "contrast from the pixels, names); exit 1 on any violation")
    sp.add_argument("--rules", choices=["normal", "elder"], default="normal",
                    help="with --audit: the normal limits, or 长辈模式's on the screens "
                         "drawn in 长辈模式")
    sp.add_argument("--elder", action="store_true", help="draw the screens in 长辈模式")
    sp.add_argument("--high-contrast", action="store_true",
                    help="draw the screens in 高对比度 (black and white)")
    mk = sub.add_parser("mock", help="drive the mock devices from another shell")
    mk.add_argument("--data-dir")
    msub = mk.add_subparsers(dest="device", required=True, metavar="DEVICE")
    mc = msub.add_parser("card", help="insert / remove / tear the mock ID card")
    mc.add_argument("action", choices=["insert", "remove", "torn"])
    mc.add_argument("--name")
    mc.set_defaults(func=cmd_mock)
    mp = msub.add_parser("printer", help="set the mock printer's paper")
    mp.add_argument("paper", choices=["paper"])
    mp.add_argument("sheets", type=int)
    mp.set_defaults(func=cmd_mock)
    for module in EXTENSIONS if extensions else ():
        importlib.import_module(module).register(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(extensions=command_of(argv) not in OWN_FAST_COMMANDS).parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        return int(args.func(args))
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except ModuleNotFoundError as exc:
        if (exc.name or "").partition(".")[0] not in PLATFORM_MODULES:
            raise
        # The county platform (and the demo's embedded one) is an extra, not every terminal's.
        print(f"error: {args.command} needs the reference platform's packages ({exc.name} is "
              "missing): pip install 'village-kiosk[platform]' (in a checkout: "
              "pip install -e '.[platform]')", file=sys.stderr)
        return 2
    except Exception as exc:
        from kiosk.store import StoreError  # here: importing the store costs 0.25 s
        from sync.platform.vault import VaultError

        if isinstance(exc, VaultError):  # the platform's data key: missing, wrong, bad
            print(f"error: {exc}", file=sys.stderr)
            return 2
        if not isinstance(exc, StoreError):
            raise
        # Disk full, a damaged database: one clear line, no traceback.
        print(f"error: {exc} (what was queued stays queued; free space or call a "
              "technician, then run again)", file=sys.stderr)
        return 6


if __name__ == "__main__":
    sys.exit(main())
