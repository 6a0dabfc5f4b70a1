"""Accidents and incidents under Act Art. 28: classification of events and the reports they call for.

The engine (`classification`, `schema`, `vocabulary`, `wording`) needs no Django set-up, so the console
tool imports it alone. The Django app (label `incidents`: models, actions in `services`, pages, API and the
`telegov_dispatch` worker) stores incidents and re-runs the engine on every change.
"""
