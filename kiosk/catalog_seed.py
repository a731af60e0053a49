"""The few service items the foundation needs until the catalog issue brings the full one."""

from __future__ import annotations

from kiosk.cases import CaseItem

FOUNDATION_ITEMS: tuple[CaseItem, ...] = (
    CaseItem("HB-YL-0001", "城乡居民基本养老保险参保登记"),
    CaseItem("HB-YB-0001", "城乡居民基本医疗保险参保登记"),
    CaseItem("HB-YL-0002", "养老保险待遇领取资格认证"),
    CaseItem("HB-MZ-0001", "高龄津贴申领"),
)
