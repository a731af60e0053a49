"""Benchmarks: each module measures something against a baseline measured in the same run."""
