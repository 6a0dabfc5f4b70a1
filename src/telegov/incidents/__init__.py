"""Accidents and incidents under Act Art. 28: classification of events and the reports they call for.

Kept import-light: the engine lives in `telegov.incidents.classification`.
"""
