"""Meedoen West: participation and matchmaking for work and talent in Enschede West."""

import os

# Piccolo finds its engine and app registry through this module; every entry point
# (CLI, ASGI app, tests) imports this package first, so setting it here is enough.
os.environ.setdefault("PICCOLO_CONF", "meedoen.piccolo_conf")

__version__ = "0.1.0"
