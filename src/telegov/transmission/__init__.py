"""External transmission (外部送信規律): the scanner engine that finds what a site sends to whom.

Kept import-light: the browser and the Public Suffix List load only when a scan or lookup needs them.
"""
