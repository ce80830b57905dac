"""The empty workbook of the legal import, to fill and upload."""

from dienbien.policy.core.legal.sheets import write_workbook
from Products.Five.browser import BrowserView


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ImportTemplate(BrowserView):
    def __call__(self):
        data = write_workbook()
        response = self.request.response
        response.setHeader("Content-Type", XLSX)
        response.setHeader(
            "Content-Disposition", 'attachment; filename="mau-nhap-van-ban-qppl.xlsx"'
        )
        response.setHeader("Content-Length", str(len(data)))
        return data
