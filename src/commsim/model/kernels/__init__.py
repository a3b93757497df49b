"""The behaviour kernels: pure functions of arrays, parameters and a
``numpy.random.Generator`` (docs/model.md, section 7), called by the phases.
"""
