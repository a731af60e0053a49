"""`kiosk provision` and `kiosk requeue`: the technician's side of the platform link."""

from __future__ import annotations

import argparse
import sys


def cmd_provision(args: argparse.Namespace) -> int:
    from kiosk.cli import config_from_args
    from kiosk.provision import ProvisionError, provision

    cfg = config_from_args(args)
    try:
        enrolment = provision(cfg, args.platform, args.code)
    except ProvisionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    print(f"enrolled {enrolment.terminal_id} (region {enrolment.region_code}) at "
          f"{enrolment.platform_url}")
    if cfg.platform_url.rstrip("/") != args.platform.rstrip("/"):
        print(f"note: the config's platform_url is {cfg.platform_url}; set it to "
              f"{args.platform} so the terminal sends there")
    return 0


def cmd_seal_key(args: argparse.Namespace) -> int:
    """Seals the data key with the TPM (systemd-creds), or says why it stays a 0600 file."""
    from kiosk.cli import config_from_args
    from kiosk.provision import ProvisionError, seal_data_key

    try:
        print(seal_data_key(config_from_args(args)))
    except ProvisionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    return 0


def cmd_requeue(args: argparse.Namespace) -> int:
    from kiosk.app import Kiosk
    from kiosk.cli import config_from_args

    kiosk = Kiosk.open(config_from_args(args))
    try:
        n = kiosk.store.requeue_parked(args.id)
    finally:
        kiosk.close()
    print(f"requeued: {n}")
    return 0 if n else 1


def cmd_purge(args: argparse.Namespace) -> int:
    """The retention purge alone (the systemd timer's job, beside the sync service's own):
    personal details of cases the platform acknowledged more than retention_days ago."""
    from kiosk.app import Kiosk
    from kiosk.cli import config_from_args
    from kiosk.provision import purge_if_clock_trusted

    cfg = config_from_args(args)
    kiosk = Kiosk.open(cfg)
    try:
        n = purge_if_clock_trusted(cfg, kiosk.store)
    finally:
        kiosk.close()
    print(f"purged: {n} case(s) older than {cfg.retention_days} days after acknowledgement")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sp = sub.add_parser("provision", help="enrol this terminal with the county platform",
                        description="Makes an Ed25519 key pair and registers its public half "
                                    "against terminal_id and region_code with a one-time "
                                    "code issued by the county.")
    sp.add_argument("--platform", required=True, help="platform URL, e.g. https://...")
    sp.add_argument("--code", required=True, help="the one-time enrolment code")
    sp.add_argument("--data-dir", help="override the config's data_dir")
    sp.set_defaults(func=cmd_provision)
    sp = sub.add_parser("seal-key", help="as root: seal the data key with the TPM "
                                         "(systemd-creds), if there is one",
                        description="With a TPM2 (systemd-creds has-tpm2), encrypts the data "
                                    "key into /etc/credstore.encrypted/village-kiosk-data-key "
                                    "and removes the plaintext file; the units load it with "
                                    "LoadCredentialEncrypted=. Without one, the 0600 key "
                                    "file stays and this says so.")
    sp.add_argument("--data-dir", help="override the config's data_dir")
    sp.set_defaults(func=cmd_seal_key)
    sp = sub.add_parser("purge", help="drop personal data the platform acknowledged more "
                                      "than retention_days ago")
    sp.add_argument("--data-dir", help="override the config's data_dir")
    sp.set_defaults(func=cmd_purge)
    sp = sub.add_parser("requeue", help="put parked outbox items back in the queue")
    sp.add_argument("id", nargs="?", type=int, help="one outbox item (default: all parked)")
    sp.add_argument("--data-dir", help="override the config's data_dir")
    sp.set_defaults(func=cmd_requeue)
