"""Documents the service produces: PDFs rendered by WeasyPrint from print
templates (templates/pdf/), tagged for accessibility, fetching nothing but our
own static files."""
