"""The command line: parse options, open the store, call one library function, print its report.

No logic lives here. Each module registers a group of commands on the one app.
"""

from beatwire.cli import hooks, keys, ops, pipeline, publish
from beatwire.cli import newsroom as newsroom_commands
from beatwire.cli import signals as signal_commands
from beatwire.cli.app import app, main

__all__ = [
    "app",
    "hooks",
    "keys",
    "main",
    "newsroom_commands",
    "ops",
    "pipeline",
    "publish",
    "signal_commands",
]
