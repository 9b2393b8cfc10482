"""HTML to PDF with WeasyPrint.

Minutes, action logs and reviews are user text, so the renderer may fetch only
the service's own static files (stylesheets, the logo); any other URL a document
mentions (an <img src="http://...">, a file:// path) is refused. Output is tagged
PDF/UA-1 (the accessibility regulations cover PDFs), A4, with running header and
footer, "Page X of Y" and the protective marking: see templates/pdf/base.html.
"""

import mimetypes
from urllib.parse import urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .downloads import name_download

# Documents are rendered as if served from here; only its /static/ paths resolve.
BASE_URL = "https://document.invalid/"


class StaticFilesOnlyFetcher(URLFetcher):
    """Serves /static/ paths from the static files finders, and the document's
    own `resources` ({path: (bytes, content type)}: charts drawn for it); refuses
    all else."""

    def __init__(self, resources=None, **kwargs):
        super().__init__(**kwargs)
        self.resources = resources or {}

    def fetch(self, url, headers=None):
        parsed = urlparse(url)
        if f"{parsed.scheme}://{parsed.netloc}/" == BASE_URL and parsed.path in self.resources:
            body, mime_type = self.resources[parsed.path]
            return URLFetcherResponse(url, body, {"Content-Type": mime_type})
        static = urlparse(settings.STATIC_URL).path
        if f"{parsed.scheme}://{parsed.netloc}/" != BASE_URL or not parsed.path.startswith(static):
            raise ValueError(f"Documents may not fetch {url!r}")
        path = finders.find(parsed.path.removeprefix(static))
        if not path:
            raise ValueError(f"No static file {parsed.path!r}")
        with open(path, "rb") as file:
            body = file.read()
        mime_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": mime_type})


def render_pdf(template_name, context, *, resources=None):
    """Renders a print template (extending pdf/base.html) to PDF bytes.
    `resources` are files only this document may embed, by path under the
    document's base URL ({"/charts/a.svg": (bytes, "image/svg+xml")})."""
    return html_to_pdf(render_to_string(template_name, context), resources=resources)


def html_to_pdf(html, *, resources=None):
    """WeasyPrint on our HTML, with the restricted fetcher, tagged PDF/UA-1."""
    fetcher = StaticFilesOnlyFetcher(resources=resources)
    return HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).write_pdf(
        pdf_variant="pdf/ua-1"
    )


def file_response(content, filename, content_type, *, inline=False):
    """A generated file (PDF, CSV, spreadsheet, calendar) as an HTTP response,
    opened in the browser or downloaded, never cached by anyone in between."""
    return name_download(HttpResponse(content, content_type=content_type), filename, inline=inline)


def pdf_response(pdf, filename, *, inline=True):
    """A PDF, opened in the browser unless `inline` is False."""
    return file_response(pdf, filename, "application/pdf", inline=inline)
