"""Errors the user reads: the CLI prints them and exits 1, the dashboard shows them."""


class CrisisError(Exception):
    """An action that cannot be done, with a message fit for the user."""


class NotFound(CrisisError):
    pass


class Refused(CrisisError):
    """A rule forbids it (two-person rule, exercise on a live channel, …)."""


from crisiscomm import error_strings  # noqa: E402,F401  (the errors' words, registered with the error types)
