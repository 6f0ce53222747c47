"""The newsroom: from promoted signals to checked, versioned stories.

    stage.py      the write stage (and `verify_story`, its check run afresh)
    evidence.py   evidence packs: what a story may rest on (writers and fidelity read them)
    markers.py    the `[N]` citation markers both write and check
    versions.py   story versions: status and diffs
    slugs.py      URL names from headlines
    writers/      the offline, claude and openai writers, their prompts and the factory
    fidelity/     claims, checks, grounding, the output gate and the fidelity report

`writers` may use `fidelity` (the offline writer cites as the verifier checks);
`fidelity` never imports `writers`.
"""
