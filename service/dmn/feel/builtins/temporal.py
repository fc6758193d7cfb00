"""Temporal built-in functions (date, time, date and time, duration, ...)."""

FUNCTIONS: list = []
