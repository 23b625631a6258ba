"""The instructor's class review, Qt-free: collect a class folder's submissions,
read and check each one in a bounded worker (a hostile file costs one row, never
the review), score them against a rubric, write the report (CSV, XLSX, HTML)
and the feedback copies (each student's DOCX with the findings as Word comments).

Modules: ``collect`` (which files), ``rows`` (one typed row per submission),
``engine`` (worker processes, time bound, progress, cancel), ``rubric`` and
``score`` (the rubric file and the completeness score), ``columns`` (the report's
columns as specs), ``csv_report`` / ``xlsx_report`` / ``html_report`` (writers),
``feedback`` (the commented DOCX copies).
"""
