"""The service catalog (办事指南 items and 一件事 bundles): model, loading, search."""

from kiosk.catalog.loader import CatalogError, CatalogKeeper, Problem, load_catalog
from kiosk.catalog.model import Bundle, Catalog, Item

__all__ = ["Bundle", "Catalog", "CatalogError", "CatalogKeeper", "Item", "Problem",
           "load_catalog"]
