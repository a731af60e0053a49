"""The encrypted local store: cases, attachments, outbox, ratings, audit events."""

from kiosk.store.repository import AttachmentRecord, Correction, Store, StoreError

__all__ = ["AttachmentRecord", "Correction", "Store", "StoreError"]
