"""Plain-Python core of ЭЖ: mark and attendance codes, the academic calendar, statistics formulas,
roles and the permission matrix. No Qt, no SQL, no I/O: every layer above may import it."""
