"""Readers, one per input file. Each returns a documented DataFrame."""
