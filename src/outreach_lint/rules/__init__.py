"""Built-in rules, one module per family; each module is a plugin registered by name.

Code blocks by family (so ``--select OL1`` selects a family):

======  =====================
OL1xx   seller-centric
OL2xx   scripted-pitch
OL3xx   customer-goal
OL4xx   volume-over-value
OL5xx   readability
OL6xx   subject
OL7xx   template (merge fields)
OL8xx   sequence
OL9xx   the linter itself (e.g. unused suppressions)
======  =====================
"""
