"""The web app's assembly: the factory, every domain's routes and the pages of no domain.

The top of the layers (see docs/architecture.md): it may import every domain; nothing
below it imports it.
"""
