"""Errors that end in a clear message on stderr and exit code 2, never a traceback."""


class XxgkError(Exception):
    """Base of every error the user should see as one clear line."""


class InputError(XxgkError):
    """An input file could not be read as a report (missing, empty, binary, corrupt…)."""


class RulebookError(XxgkError):
    """A rulebook is malformed; the message names the file and line."""
