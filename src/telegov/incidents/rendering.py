"""Documents as files: PDF through WeasyPrint (HTML laid out by Pango, fonts found by fontconfig, so the
Japanese font of Debian's fonts-noto-cjk is embedded as a subset) and Excel through openpyxl."""

from __future__ import annotations

import io

from django.template.loader import render_to_string

from telegov.incidents.documents import Document


def pdf(document: Document) -> bytes:
    # Imported here: WeasyPrint loads Pango at import, which only the document views need.
    from weasyprint import HTML

    html = render_to_string("incidents/document.pdf.html", {"doc": document})
    return HTML(string=html).write_pdf()


def workbook(document: Document) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "四半期報告"
    sheet.append([document.title])
    sheet["A1"].font = Font(bold=True, size=13)
    for label, value in document.items:
        sheet.append([label, value])
    sheet.append([])
    header_row = sheet.max_row + 1
    sheet.append(document.columns)
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in document.rows:
        sheet.append(row)
    for index, column in enumerate(document.columns, start=1):
        width = max([len(column), *(len(row[index - 1]) for row in document.rows)])
        sheet.column_dimensions[get_column_letter(index)].width = min(60, max(8, width * 2))
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def header_row_of(sheet) -> int:
    """The row holding the column names (for readers of the workbook, e.g. the tests)."""
    for row in sheet.iter_rows(min_col=1, max_col=1):
        if row[0].value == "番号":
            return row[0].row
    raise LookupError("no header row")
