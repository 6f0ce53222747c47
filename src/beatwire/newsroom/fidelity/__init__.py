"""Fidelity: every claim of a draft checked against the evidence, the output gate, the report.

`verify.verify_draft` scores the claims, `gate.gate_reasons` lists the rules a draft
breaks, and `decision.check_draft` joins both into the `report.FidelityReport` a
version is stored with.
"""
