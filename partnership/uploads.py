"""Checks every upload shares, whatever the app: a zip-based document (Word,
Excel) must not be a zip bomb or carry macros, and a PDF must not also be an
archive or carry scripts, launch actions or attached files. Each refusal is a
sentence for the GOV.UK error beside the file field.

Apps decide the type from the content (never the name) and call these; the
request as a whole is capped by RequestSizeLimitMiddleware."""

import contextlib
import io
import zipfile

from django.core.exceptions import ValidationError

# An Office document of our size limits unpacks to far less than this.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 5000
MAX_RATIO = 200  # unpacked:packed, per member; real documents compress ~10:1

_PDF_ACTIVE_CONTENT = (b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFile", b"/RichMedia")


def check_archive(data, *, what="file"):
    """Refuses a zip that would unpack to far more than it is (a zip bomb), or
    that holds macros. Returns the member names."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise ValidationError(
            f"The selected {what} is damaged or not the right type", code="damaged"
        ) from error
    unpacked = 0
    for member in members:
        unpacked += member.file_size
        if member.compress_size and member.file_size / member.compress_size > MAX_RATIO:
            raise _bomb(what)
    if len(members) > MAX_MEMBERS or unpacked > MAX_UNPACKED_BYTES:
        raise _bomb(what)
    names = [m.filename for m in members]
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise ValidationError(
            "Files with macros cannot be uploaded: save it without macros", code="macros"
        )
    return names


def _bomb(what):
    return ValidationError(
        f"The selected {what} could not be checked safely: it unpacks to far more than its "
        "size. Save it again and upload the new copy",
        code="zip_bomb",
    )


def check_pdf_content(data, reader):
    """Refuses a PDF that is also an archive (a polyglot), or that carries
    scripts, launch actions or attached files. `reader` is pypdf's."""
    if zipfile.is_zipfile(io.BytesIO(data)):
        raise ValidationError("The selected file is not a plain PDF: upload a PDF on its own")
    attached = False
    with contextlib.suppress(Exception):  # an unreadable name tree: the bytes are checked below
        attached = bool(reader.attachments)
    if attached or any(marker in data for marker in _PDF_ACTIVE_CONTENT):
        raise ValidationError(
            "The PDF contains scripts or attached files, which cannot be uploaded. "
            "Print it to a new PDF and upload that"
        )
