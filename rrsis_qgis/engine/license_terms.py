"""Checkpoints whose licence restricts use (manifest `accept_license`): which files of a download need it accepted."""
from __future__ import annotations

from pathlib import Path

from .download import DownloadError


class LicenseNotAccepted(DownloadError):
    """A download refused before any byte was fetched: its licence was not accepted."""


def licenses_to_accept(entries, models_dir: Path) -> list:
    """[(licence text, licence URL, [entries])], one per licence, for the ``entries`` marked `accept_license`
    that are not in ``models_dir`` yet (a file already there needs no new acceptance)."""
    groups: dict = {}
    for entry in entries:
        if entry.accept_license and not (Path(models_dir) / entry.file).is_file():
            groups.setdefault((entry.license, entry.license_url), []).append(entry)
    return [(text, url, members) for (text, url), members in groups.items()]


def notice(text: str, url: str, entries) -> str:
    """The licence as the command line prints it before asking."""
    files = ", ".join(e.file for e in entries)
    return "\n".join([f"{files} come(s) under a licence that restricts their use:", f"  {text}"]
                     + ([f"  full text: {url}"] if url else []))


def refusal(groups) -> str:
    files = ", ".join(e.file for _, _, members in groups for e in members)
    return (f"not downloaded: the licence of {files} was not accepted. Read it (printed above) and run the "
            "download again with --accept-license to accept it")
