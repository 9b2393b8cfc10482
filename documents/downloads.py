"""File names for downloads, the one way every export and download names its
file. Names come from what users typed (a board called "Adults: exploitation /
CSE", a paper titled with quotes or emoji), so the header carries an ASCII
fallback every browser accepts and the real name as RFC 6266 `filename*`."""

import re
import unicodedata
from urllib.parse import quote

# Characters no file system or browser should meet in a name, and control characters.
_UNSAFE = re.compile(r'[\\/:*?"<>|;\x00-\x1f\x7f]+')
_MAX = 150


def download_filename(name):
    """`name` made fit for a file name: no path separators, quotes or control
    characters, no leading dots, at most 150 characters (keeping the extension)."""
    name = unicodedata.normalize("NFC", str(name))
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C")
    name = _UNSAFE.sub("-", name)
    name = re.sub(r"\s+", " ", name).strip(" .-") or "download"
    stem, dot, extension = name.rpartition(".")
    if not dot or len(extension) > 8:
        stem, extension = name, ""
    limit = _MAX - (len(extension) + 1 if extension else 0)
    stem = stem[:limit].rstrip(" .-") or "download"
    return f"{stem}.{extension}" if extension else stem


def ascii_filename(name):
    """The ASCII fallback for `filename=`: accents dropped, anything else replaced."""
    name = download_filename(name)
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    folded = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    folded = re.sub(r"[^A-Za-z0-9 ._()+,=&'-]+", "-", folded)
    folded = re.sub(r"-{2,}", "-", folded).strip(" .-") or "download"
    extension = re.sub(r"[^A-Za-z0-9]", "", extension)
    return f"{folded}.{extension}" if extension else folded


def content_disposition(name, *, inline=False):
    """The Content-Disposition header for a download named `name`."""
    name = download_filename(name)
    fallback = ascii_filename(name)
    header = f'{"inline" if inline else "attachment"}; filename="{fallback}"'
    if fallback != name:
        header += f"; filename*=UTF-8''{quote(name, safe='')}"
    return header


def name_download(response, name, *, inline=False):
    """Names `response`'s file and keeps it out of every cache: every generated
    file and stored download goes through here."""
    response["Content-Disposition"] = content_disposition(name, inline=inline)
    response["Cache-Control"] = "private, no-store"
    return response
