"""What an uploaded price file may be, and the error that says it is not.

Every bound is checked before the work it bounds: the upload's size before decoding, a
workbook's parts before unpacking them (seqcore.stock.xlsx), the rows before a table is built.
"""

from __future__ import annotations

# .streamlit/config.toml's maxUploadSize = 10: the frontend counts megabytes as 10**6 bytes.
MAX_UPLOAD_MB = 10
MAX_BYTES = MAX_UPLOAD_MB * 1000 * 1000
ACCEPTED_TYPES = ("csv", "txt", "xlsx")
MAX_CSV_ROWS = 200_000  # a CSV's lines, counted before pandas parses it (a year of minute bars fits)
MAX_COLUMNS = 64  # a table's columns (CSV: its first line's; .xlsx: any cell's position)
# An .xlsx file is a zip of XML parts (seqcore.stock.xlsx): a 13 KB one can declare a sheet of
# 16,384 columns x 1,048,576 rows. Every bound below is checked before, or while, it is read; a
# price table of 100,000 days with a dozen columns fits well inside all of them.
MAX_XLSX_UNPACKED = 200 * 1000 * 1000  # all parts together, as the zip declares them
MAX_XLSX_PARTS = 1000  # files inside the zip
MAX_XLSX_PART = 64 * 1000 * 1000  # the sheet or the shared strings, counted while unpacking
MAX_XLSX_SMALL_PART = 4 * 1000 * 1000  # workbook.xml, its relations, styles.xml
MAX_XLSX_ELEMENTS = 4_000_000  # XML elements in one part (a cell is about 2)
MAX_XLSX_ROWS = 100_000  # the sheet's rows: declared, numbered or counted
MAX_XLSX_COLS = MAX_COLUMNS  # its columns
MAX_XLSX_CELLS = 1_000_000  # cells with a value or a style
MAX_XLSX_CELL_CHARS = 1_000  # one cell's text, or one shared string
MAX_XLSX_SHARED_STRINGS = 500_000  # strings in the shared table
MAX_XLSX_SHARED_CHARS = 10_000_000  # their characters together
MAX_DAYS = 2000  # the most recent days kept: bounds training time on a 2-core machine


class LoadError(Exception):
    """A Korean message for the learner: the file cannot be used."""
