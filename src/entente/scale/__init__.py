"""Scale-out: the ingest on a Ray cluster, writing Parquet parts that one writer loads.

``ingest_on_ray`` is the engine (``entente ingest --engine ray``); the modules
under it need no Ray: ``references`` lists the inputs as references, ``parts``
writes and loads the Parquet parts.
"""

from __future__ import annotations

from entente.scale.ray_engine import default_parts, ingest_on_ray

__all__ = ["default_parts", "ingest_on_ray"]
