"""Turning library results into text, tables and files."""
