"""The domain core: CMRT reading and checks, smelter facts, roll-up, project store, exports.

Nothing in this package imports Qt, so it can be driven from a script or the command line.
"""
