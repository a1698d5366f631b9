"""What ends an install early: a failed step (InstallError), a failed download (FetchError), Cancel (Cancelled)."""


class InstallError(Exception):
    """A step failed; ``str()`` is the message for the user, ``step`` which one."""

    def __init__(self, message: str, step: str = "", output: str = ""):
        super().__init__(message)
        self.step, self.output = step, output  # output: the failed command's last lines


class FetchError(Exception):
    """A download failed; the message is the network's (host not found, SSL, proxy, HTTP status)."""


class Cancelled(Exception):
    """The user pressed Cancel; the state file says where the next run resumes."""
