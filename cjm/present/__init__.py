"""The presentation layer shared by render, report and diff.

Which locale a reader gets (:mod:`cjm.present.locale`), the words around author
content in that locale (:mod:`cjm.present.labels`), how figures and scores are
written (:mod:`cjm.present.numbers`) and how author text is made safe for each
output (:mod:`cjm.present.escape`). It depends on nothing but the standard
library and cjm's core, so every command can use it.
"""
