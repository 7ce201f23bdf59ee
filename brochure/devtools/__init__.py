"""Developers' tools: the bench, the golden dumps, the installer of the test tools.

The engine never imports this package, and the rebuild digest leaves it out: editing a developer
tool rebuilds no brochure.
"""
