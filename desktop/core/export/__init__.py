"""The exports: Form SD and Conflict Minerals Report PDF, Annex A (PDF, XLSX, CSV) and EDGAR HTML.

- report_data.ReportData: everything the documents print (filled by the project store)
- report_pdf.write_report_pdf / write_annex_pdf, annex_files.write_annex_xlsx / write_annex_csv,
  edgar_html.write_edgar_html: each writes atomically and returns records.ExportRecord
Import the module you need; this package imports nothing heavy on its own.
"""
