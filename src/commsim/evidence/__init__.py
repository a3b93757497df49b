"""Evidence: published field experiments, their designs run inside the model, and the
verdict of each (docs/validation.md). A stage after ``analysis`` and ``experiment``: its
designs run through the experiment's executors; ``commsim evidence`` prints and draws them.
"""

from commsim.evidence.published import Measure, Study, load_studies
from commsim.evidence.replicate import (
    NOT_EXPRESSIBLE,
    OUTSIDE,
    WITHIN,
    DesignTask,
    EvidenceSizes,
    evidence_rows,
    plan,
    run_designs,
)
from commsim.evidence.table_files import summary_line, write_tables

__all__ = [
    "NOT_EXPRESSIBLE",
    "OUTSIDE",
    "WITHIN",
    "DesignTask",
    "EvidenceSizes",
    "Measure",
    "Study",
    "evidence_rows",
    "load_studies",
    "plan",
    "run_designs",
    "summary_line",
    "write_tables",
]
