"""The error a command reports in one line before it exits with status 1."""


class CommandLineError(Exception):
    """A problem the command line reports as its message alone, without a traceback."""
