"""Reports as spreadsheets: CSV that Dutch Excel opens as it is, and XLSX.

- **CSV**: UTF-8 with a byte-order mark (without it Excel reads UTF-8 as Windows-1252),
  semicolons between the cells (Dutch Excel's list separator; a comma is the decimal sign),
  CRLF line ends. Safe against CSV injection: a text cell starting with ``=``, ``+``, ``-``,
  ``@``, a tab or a carriage return gets a leading apostrophe, so no spreadsheet reads it as
  a formula (OWASP's advice).
- **XLSX** (openpyxl): every text cell is stored as text, never as a formula, whatever it
  starts with; numbers as numbers, dates as dates.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.http import Http404, HttpResponse
from django.utils.text import slugify

type Value = str | int | float | datetime.date | None

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV = "csv"
XLSX = "xlsx"
FORMATS = {
    CSV: "text/csv; charset=utf-8",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class Sheet:
    """A report as a table: a title (the XLSX sheet's name), a header and rows."""

    title: str
    header: list[str]
    rows: list[list[Value]] = field(default_factory=list)


def safe_text(value: str) -> str:
    """Text no spreadsheet will run as a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _csv_cell(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, int | float):
        return str(value).replace(".", ",")
    return safe_text(str(value))


def csv_bytes(sheet: Sheet) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([_csv_cell(v) for v in sheet.header])
    for row in sheet.rows:
        writer.writerow([_csv_cell(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _sheet_title(title: str) -> str:
    """Excel's rules for a sheet's name: at most 31 characters, none of []:*?/\\."""
    cleaned = "".join(" " if c in "[]:*?/\\" else c for c in title).strip()
    return cleaned[:31] or "Blad1"


def xlsx_bytes(sheet: Sheet) -> bytes:
    from openpyxl import Workbook  # type: ignore[import-untyped]  # ships no type information
    from openpyxl.styles import Font  # type: ignore[import-untyped]

    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = _sheet_title(sheet.title)
    table: list[list[Value]] = [list(sheet.header), *sheet.rows]
    for row_number, row in enumerate(table, start=1):
        for column_number, value in enumerate(row, start=1):
            cell = worksheet.cell(row=row_number, column=column_number)
            if isinstance(value, str):
                cell.value = value
                cell.data_type = "s"  # text, even when it starts with "="
            else:
                cell.value = value
                if isinstance(value, datetime.date):
                    cell.number_format = "DD-MM-YYYY"
            if row_number == 1:
                cell.font = Font(bold=True)
    worksheet.freeze_panes = "A2"
    for column_cells in worksheet.columns:
        longest = max(len(str(c.value)) if c.value is not None else 0 for c in column_cells)
        worksheet.column_dimensions[column_cells[0].column_letter].width = min(60, longest + 2)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def download(sheet: Sheet, fmt: str, name: str) -> HttpResponse:
    """The sheet as an attachment in ``fmt`` ("csv" or "xlsx"; 404 for anything else)."""
    if fmt not in FORMATS:
        raise Http404
    content = csv_bytes(sheet) if fmt == CSV else xlsx_bytes(sheet)
    response = HttpResponse(content, content_type=FORMATS[fmt])
    filename = f"{slugify(name) or 'aanwezigheid'}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
