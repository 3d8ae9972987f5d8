"""What an uploaded price file may be, and the error that says it is not.

Every bound is checked before the work it bounds: the upload's size before decoding, a
workbook's parts before unpacking them (seqcore.stock.xlsx), the rows before a table is built.
"""

from __future__ import annotations

# .streamlit/config.toml's maxUploadSize = 10: the frontend counts megabytes as 10**6 bytes.
MAX_UPLOAD_MB = 10
MAX_BYTES = MAX_UPLOAD_MB * 1000 * 1000
ACCEPTED_TYPES = ("csv", "txt", "xlsx")
# An .xlsx file is a zip: what its parts may unpack to, and the rows read from its first sheet
# (a 10 MB upload could otherwise unpack to gigabytes on a server a class shares).
MAX_XLSX_UNPACKED = 200 * 1000 * 1000
MAX_XLSX_ROWS = 100_000
MAX_DAYS = 2000  # the most recent days kept: bounds training time on a 2-core machine


class LoadError(Exception):
    """A Korean message for the learner: the file cannot be used."""
