"""entente: a sourced, time-aware map of who does what to whom in international news.

The public Python API: the functions below, and the records they pass around.
"""

from entente.errors import EntenteError
from entente.ingest.run import IngestSummary, ingest
from entente.settings import Settings
from entente.store.db import Store

__all__ = ["EntenteError", "IngestSummary", "Settings", "Store", "ingest"]
__version__ = "0.1.0"
