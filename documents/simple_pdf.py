"""A small, real PDF written by hand, for demo papers and reports and for tests:
quick enough to make one for every demo meeting and review."""

import textwrap


def simple_pdf(title, paragraphs=()):
    """A small, real, one-page PDF (Helvetica text), written by hand: quick
    enough to make a paper for every demo meeting."""

    def escape(text):
        text = text.encode("latin-1", "replace").decode("latin-1")
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    lines = [f"BT /F1 16 Tf 56 780 Td ({escape(title)}) Tj ET", "BT /F1 11 Tf 56 750 Td 15 TL"]
    for paragraph in paragraphs:
        for line in textwrap.wrap(paragraph, 88) or [""]:
            lines.append(f"({escape(line)}) Tj T*")
        lines.append("T*")
    lines.append("ET")
    stream = "\n".join(lines).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
