"""Webhooks: tell a receiver, with a signed POST, when a story it follows is published or revised.

`outbox` queues a delivery for each new published story version a hook matches,
`sender` posts it, `stage` runs both and retries with backoff, `signature` signs
and verifies (receivers may copy that one file).
"""
