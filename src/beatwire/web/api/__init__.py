"""The read-only /v1 API: one router module per resource, mounted by `web.app.create_app`."""
