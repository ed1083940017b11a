"""Evaluation: datasets, metrics, reports and the public benchmark adapters."""
