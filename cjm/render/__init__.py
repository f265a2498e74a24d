"""Renderers: one module per output format, each imported only when used.

Every renderer takes a :class:`cjm.render.site.Site` (one workspace's
schema-valid documents as typed models) and returns bytes or text; only
:mod:`cjm.cli` writes files or prints.
"""
