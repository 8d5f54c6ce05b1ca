"""Errors the user reads: the CLI prints them and exits 1, the dashboard shows them."""

import errno


class CrisisError(Exception):
    """An action that cannot be done, with a message fit for the user."""


class NotFound(CrisisError):
    pass


class Refused(CrisisError):
    """A rule forbids it (two-person rule, exercise on a live channel, …)."""


from crisiscomm import error_strings, file_strings  # noqa: E402,F401  (the errors' words, registered with the error types)
from crisiscomm.i18n import t  # noqa: E402

# The operating system's reasons, in the UI language (its own are in the C locale's English).
OS_REASONS = {errno.ENOENT: "enoent", errno.EACCES: "eacces", errno.EPERM: "eacces", errno.EISDIR: "eisdir",
              errno.ENOTDIR: "enotdir", errno.ENOSPC: "enospc", errno.EROFS: "erofs", errno.EEXIST: "eexist",
              errno.ENAMETOOLONG: "enametoolong", errno.ELOOP: "eloop", errno.EDQUOT: "enospc", errno.EIO: "eio",
              errno.EPIPE: "epipe"}


def os_reason(exc: OSError) -> str:
    """Why the system refused (`No such file or directory` → `böyle bir dosya ya da klasör yok`)."""
    word = OS_REASONS.get(exc.errno) if exc.errno is not None else None
    return t(f"os.{word}") if word else str(exc.strerror or exc)
