"""A year's funding as CSV and Excel: the partners the member may see, nothing more."""

from documents.render import file_response
from partnership.permissions import require

from .. import selectors
from ..exports import csv_bytes, export_filename, xlsx_bytes
from ..loaders import load_year
from ..permissions import can_view_funding


@require(can_view_funding)
def export_csv(request, year):
    year = load_year(request, year)
    funding = selectors.year_funding_for(year, request.membership)
    return file_response(
        csv_bytes(funding), export_filename(year, "csv"), "text/csv; charset=utf-8"
    )


@require(can_view_funding)
def export_xlsx(request, year):
    year = load_year(request, year)
    funding = selectors.year_funding_for(year, request.membership)
    contributions = selectors.contributions(year, agencies=[row.agency for row in funding.partners])
    return file_response(
        xlsx_bytes(funding, contributions),
        export_filename(year, "xlsx"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
