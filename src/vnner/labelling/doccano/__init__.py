"""The doccano labelling round trip: push documents (with pre-annotations), pull corrections, status.

`client` holds the connection and its error and retry policy; `project` finds or creates the
project and its labels; `push`, `pull` and `status` are the three operations. Team labelling:
`annotators` (users, membership, their passwords on file) and `assign` (who labels what). The server
itself runs from scripts/doccano_server.sh (`vnner doccano serve`); see docs/doccano.md.
"""

from vnner.labelling.doccano.client import DoccanoError, Settings, connect

__all__ = ["DoccanoError", "Settings", "connect"]
