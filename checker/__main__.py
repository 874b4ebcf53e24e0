"""The ``xxgk`` command (and ``python -m checker``), started lean.

A fresh process makes some hundred thousand objects as it imports click, msgspec and the
pipeline, none of them garbage, and Python's collector would walk them again and again as
they are made (~6 ms of a one-file lint). It is held off here, before anything else is
imported; ``checker.cli`` sets what start-up built aside from it (``gc.freeze``) and turns
it back on before the reports are read.
"""

import gc

gc.disable()

from checker.cli import run  # noqa: E402  (imported with the collector held off)

__all__ = ["run"]

if __name__ == "__main__":
    run()
