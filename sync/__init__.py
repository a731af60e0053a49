"""Store-and-forward to the county platform: protocol, client, outbox worker, reference server.

Nothing here imports ``kiosk``: the worker drains any store that satisfies ``OutboxStore``.
"""
