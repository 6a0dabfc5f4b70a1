"""Measure ③, telling users: the public status page, its notices, feeds and subscribers."""
