"""A knowledge base across documents: who held which post when, which documents were cited where.

`vnner kb build` reads extraction outputs into SQLite (sqlite-utils): documents with their
dates (`dates`), bodies by canonical name with every spelling (`posts`), people linked across
documents (`linking`), and resolutions by key with the documents that cite them (`rows`,
`derive`). `queries` answers person/body/document questions as plain dicts; `serve` opens the
database in Datasette. The schema and the linking rules: docs/kb.md.
"""

from __future__ import annotations

from vnner.kb.build import BuildSummary, KbInputError, build, open_kb
from vnner.kb.schema import NotAKnowledgeBase

__all__ = ["BuildSummary", "KbInputError", "NotAKnowledgeBase", "build", "open_kb"]
