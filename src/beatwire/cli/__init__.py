"""The command line: parse options, open the store, call one library function, print its report.

No logic lives here. Each module registers a group of commands on the one app.
"""

from beatwire.cli import pipeline, publish
from beatwire.cli.app import app, main

__all__ = ["app", "main", "pipeline", "publish"]
