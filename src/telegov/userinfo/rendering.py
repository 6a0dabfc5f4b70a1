"""A stored document version as HTML, PDF (WeasyPrint: the Noto CJK fonts are embedded through
fontconfig) and DOCX (python-docx). Everything renders from the version's stored content, so a
released version looks the same every time it is fetched."""

from __future__ import annotations

import io

from django.template.loader import render_to_string

CJK_FONT = "Noto Sans CJK JP"


def html(version) -> str:
    return render_to_string("userinfo/documents/document.html", {"content": version.content, "version": version})


def pdf(version) -> bytes:
    from weasyprint import HTML

    return HTML(string=html(version)).write_pdf()


def docx(version) -> bytes:
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = CJK_FONT
    normal.font.size = Pt(10.5)
    # Word picks East Asian glyphs from the eastAsia font slot, not from the font name.
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), CJK_FONT)
    content = version.content
    document.add_heading(content["title"], level=0)
    document.add_paragraph(content["carrier"])
    document.add_paragraph(f"第{version.number}版 · SHA-256 {version.sha256}")
    for section in content["sections"]:
        document.add_heading(section["heading"], level=1)
        for paragraph in section["paragraphs"]:
            if paragraph:
                document.add_paragraph(paragraph)
        for item in section["items"]:
            document.add_paragraph(item, style="List Bullet")
        table = section["table"]
        if table:
            grid = document.add_table(rows=1, cols=len(table["header"]))
            grid.style = "Table Grid"
            for cell, text in zip(grid.rows[0].cells, table["header"], strict=True):
                cell.text = text
            for row in table["rows"]:
                for cell, text in zip(grid.add_row().cells, row, strict=True):
                    cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
