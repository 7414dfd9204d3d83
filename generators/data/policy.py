"""Thresholds of the portal's editorial policy, each defined once and read everywhere."""

STALE_AFTER_DAYS = 365
"""A record whose facts were last checked (or, if never checked, date from) longer ago than
this gets a warning in the validator and a visible notice on its page."""
