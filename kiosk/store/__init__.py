"""The encrypted local store: cases, attachments, outbox, ratings, audit events."""

from kiosk.store.repository import AttachmentRecord, Store, StoreError

__all__ = ["AttachmentRecord", "Store", "StoreError"]
