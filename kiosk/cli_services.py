"""`kiosk catalog …`, `kiosk guide`, `kiosk status`: the services area on the command line."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from kiosk.catalog import CatalogError, load_catalog
from kiosk.catalog.model import SELF_SERVICE_WORDS, Catalog

ANSWERS_MAX_BYTES = 64 * 1024  # {question id: answer} for one item's questions


def _catalog(args: argparse.Namespace) -> Catalog:
    return load_catalog(Path(args.dir) if getattr(args, "dir", None) else None)


def _catalog_or_report(args: argparse.Namespace) -> Catalog | None:
    """The catalog, or None after printing why it was refused (every command but
    `validate`, which lists each problem, reports it this way)."""
    try:
        return _catalog(args)
    except CatalogError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None


VALIDATE_LISTED = 20


def cmd_catalog_validate(args: argparse.Namespace) -> int:
    try:
        cat = _catalog(args)
    except CatalogError as exc:
        # The validator's job is to name each problem, one line each; a file of the wrong
        # shape altogether has dozens, so the first VALIDATE_LISTED and a count.
        for p in exc.problems[:VALIDATE_LISTED]:
            print(f"error: {p}", file=sys.stderr)
        if len(exc.problems) > VALIDATE_LISTED:
            print(f"error: ... and {len(exc.problems) - VALIDATE_LISTED} more problems",
                  file=sys.stderr)
        return 1
    local = sum(i.is_local_code for i in cat.items)
    print(f"ok: {cat.source_file}: version {cat.version}, {len(cat.items)} items "
          f"({local} with local codes only), {len(cat.bundles)} bundles")
    return 0


def cmd_catalog_list(args: argparse.Namespace) -> int:
    cat = _catalog_or_report(args)
    if cat is None:
        return 1
    if args.json:
        doc: dict[str, Any] = {
            "version": cat.version,
            "items": [{"code": i.code, "basic_code": i.basic_code, "local_code": i.is_local_code,
                       "name": i.name, "department": i.department, "task_type": i.task_type,
                       "self_service": i.self_service.value,
                       "promised": i.time_limit.promised, "unit": i.time_limit.unit,
                       "free": i.fee.free} for i in cat.items],
            "bundles": [{"code": b.code, "name": b.name,
                         "items": [bi.code for bi in b.items]} for b in cat.bundles]}
        print(json.dumps(doc, ensure_ascii=False, indent=2))
        return 0
    for i in cat.items:
        print(f"{i.code}  {i.name}  — {i.time_limit.words}，{SELF_SERVICE_WORDS[i.self_service]}")
    for b in cat.bundles:
        print(f"{b.code}  {b.name}  — 一件事：{len(b.items)}个事项")
    return 0


def cmd_catalog_search(args: argparse.Namespace) -> int:
    from kiosk.catalog.search import SearchIndex

    cat = _catalog_or_report(args)
    if cat is None:
        return 1
    hits = SearchIndex(cat).search(args.query, limit=args.limit)
    for h in hits:
        print(f"{h.code}  {h.name}{'（一件事）' if h.kind == 'bundle' else ''}")
    if not hits:
        print(f"no item matches '{args.query}'", file=sys.stderr)
    return 0 if hits else 1


def cmd_guide(args: argparse.Namespace) -> int:
    from kiosk.guide.checklist import AnswerError, build_checklist, checklist_lines

    cat = _catalog_or_report(args)
    if cat is None:
        return 1
    answers: dict[str, Any] = {}
    if args.answers:
        from kiosk.jsonfile import JsonFileError, read_json_file

        try:  # a directory, a FIFO, a huge or deeply nested file: one line
            answers = read_json_file(Path(args.answers), ANSWERS_MAX_BYTES)
        except JsonFileError as exc:
            print(f"error: {args.answers}: {exc}", file=sys.stderr)
            return 2
        if not isinstance(answers, dict):
            print(f"error: {args.answers}: expected an object {{question id: answer}}",
                  file=sys.stderr)
            return 2
    entry = cat.get(args.item) or cat.find_item(args.item)
    if entry is None:
        print(f"error: no item or bundle {args.item!r}; see `kiosk catalog list`",
              file=sys.stderr)
        return 2
    try:
        cl = build_checklist(cat, entry.code, answers)
    except AnswerError as exc:
        print(f"error: {args.answers}: {exc}", file=sys.stderr)
        return 2
    if args.pdf:
        from kiosk.jsonfile import JsonFileError, check_output_path

        try:  # refused before the checklist is printed: nothing half done
            check_output_path(Path(args.pdf))
        except JsonFileError as exc:
            print(f"error: --pdf {args.pdf}: {exc}", file=sys.stderr)
            return 2
    lines = checklist_lines(cl, cat)
    print("\n".join(lines))
    if args.pdf:
        from kiosk.receipts import render_checklist

        try:
            print(render_checklist(lines, Path(args.pdf), layout=args.layout), file=sys.stderr)
        except OSError as exc:
            print(f"error: --pdf {args.pdf}: cannot write it ({exc.strerror})", file=sys.stderr)
            return 2
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from kiosk.app import Kiosk
    from kiosk.cli import config_from_args
    from kiosk.status import by_id_number, by_number, id_number_query

    kiosk = Kiosk.open(config_from_args(args))
    try:
        client = None if args.offline else kiosk.client
        query = args.query.strip()
        id_number = id_number_query(query)  # any card kind, 15-character 永久居留证 too
        if id_number is not None:
            answer = by_id_number(kiosk.store, client, id_number)
        else:
            answer = by_number(kiosk.store, client, query, kiosk.config.terminal_id)
    finally:
        kiosk.close()
    if answer.note:
        print(answer.note)
    for ln in answer.lines:
        bundle = f"  一件事 {ln.bundle_no}" if ln.bundle_no else ""
        print(f"{ln.number}  {ln.created_at[:10]}  {ln.status}{bundle}")
        print(f"    {'、'.join(ln.items)}  申请人 {ln.masked_name} {ln.masked_id}")
        if ln.detail:
            print(f"    {ln.detail}")
        for missing in ln.missing:  # 补正: the one complete list (一次性告知)
            print(f"      {missing}")
    return 0 if answer.lines else 1


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    cat = sub.add_parser("catalog", help="the service catalog: validate, list, search")
    csub = cat.add_subparsers(dest="catalog_command", required=True, metavar="ACTION")
    sp = csub.add_parser("validate", help="check a catalog folder against its schema and "
                                          "cross-references")
    sp.add_argument("dir", nargs="?", help="folder holding catalog.json (default: shipped)")
    sp.set_defaults(func=cmd_catalog_validate)
    sp = csub.add_parser("list", help="list items and bundles")
    sp.add_argument("--json", action="store_true", help="an object with items and bundles")
    sp.add_argument("--dir", help="catalog folder (default: shipped)")
    sp.set_defaults(func=cmd_catalog_list)
    sp = csub.add_parser("search", help="search by Chinese text, pinyin or initials (ylbx)")
    sp.add_argument("query")
    sp.add_argument("--limit", type=int, default=10)
    sp.add_argument("--dir", help="catalog folder (default: shipped)")
    sp.set_defaults(func=cmd_catalog_search)
    sp = sub.add_parser("guide", help="智能导办: the materials checklist for an item or bundle",
                        description="Prints the tailored materials checklist; answers come "
                                    "from a JSON file {question id: answer}.")
    sp.add_argument("item", help="item or bundle code (or exact item name)")
    sp.add_argument("--answers", help="JSON file with questionnaire answers")
    sp.add_argument("--pdf", help="also write the checklist as a printable PDF")
    sp.add_argument("--layout", choices=["80mm", "a4"], default="80mm")
    sp.add_argument("--dir", help="catalog folder (default: shipped)")
    sp.set_defaults(func=cmd_guide)
    sp = sub.add_parser("status", help="办件查询 by case number, receipt QR text or ID number")
    sp.add_argument("query", metavar="ID|CASE")
    sp.add_argument("--offline", action="store_true", help="do not ask the platform")
    sp.add_argument("--data-dir", help="override the config's data_dir")
    sp.set_defaults(func=cmd_status)
