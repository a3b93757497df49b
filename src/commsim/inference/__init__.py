"""Inference: the assumptions that matter, inferred from the published evidence by
simulation-based inference (pyABC's ABC-SMC), and the posterior that runs draw from
(docs/validation.md section 8). A stage above ``evidence``: its simulator runs the evidence
designs; ``commsim infer`` builds the posterior and ``data/posterior/`` ships it.

pyABC comes with the ``[infer]`` extra: import ``commsim.inference.fit`` for the inference
itself; this package's top level (the assumptions and the spec) works without it.
"""

from commsim.inference.inference_spec import FITTED_DESIGNS, InferenceSpec
from commsim.inference.inferred import INFERRED, Assumption, inferred_assumptions

__all__ = ["FITTED_DESIGNS", "INFERRED", "Assumption", "InferenceSpec", "inferred_assumptions"]
