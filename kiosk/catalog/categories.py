"""Which 部门 category an item belongs to, derived from the catalog itself.

Residents look for "社保" or "医保", not for an accepting body's full name. The category is
read from the item's code (``LOCAL-RS-…`` → 社保) and, for codes that do not say, from the
department text; a new item lands in the right category the day it is added, and an item
nothing matches goes to 其他 rather than disappearing from the screen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kiosk.catalog.model import Catalog, Item


@dataclass(frozen=True)
class Category:
    id: str
    name: str
    icon: str  # an icon name the UI maps to a picture (assets/icons/<icon>.svg)
    code_parts: tuple[str, ...]  # the code segment that says it: LOCAL-<RS>-0001
    department_words: tuple[str, ...]  # words in Item.department that say it


CATEGORIES: tuple[Category, ...] = (
    Category("shebao", "社保", "social-security", ("RS",), ("社会保险", "人力资源", "社保")),
    Category("yibao", "医保", "medical-insurance", ("YB",), ("医疗保障", "医保")),
    Category("minzheng", "民政", "civil-affairs", ("MZ",), ("民政",)),
    Category("huji", "户籍", "household", ("GA",), ("公安",)),
    Category("weijian", "卫健", "health", ("WJ",), ("卫生健康", "老龄")),
    Category("nongye", "农业农村", "agriculture", ("NY",), ("农业农村", "自然资源")),
    Category("canlian", "残联", "disability", ("CL",), ("残疾人联合会", "残联")),
)
OTHER = Category("other", "其他", "other", (), ())

_CODE = re.compile(r"^[A-Z]+-([A-Z]+)-")


def category_of(item: Item) -> Category:
    m = _CODE.match(item.code)
    if m:
        for c in CATEGORIES:
            if m.group(1) in c.code_parts:
                return c
    for c in CATEGORIES:
        if any(w in item.department for w in c.department_words):
            return c
    return OTHER


def categories(catalog: Catalog) -> list[tuple[Category, tuple[Item, ...]]]:
    """Categories that have items, in the fixed order above (其他 last), with their items."""
    out: dict[str, list[Item]] = {}
    for it in catalog.items:
        out.setdefault(category_of(it).id, []).append(it)
    return [(c, tuple(out[c.id])) for c in (*CATEGORIES, OTHER) if c.id in out]


def category(catalog: Catalog, category_id: str) -> tuple[Category, tuple[Item, ...]] | None:
    return next(((c, items) for c, items in categories(catalog) if c.id == category_id), None)
