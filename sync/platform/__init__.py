"""The reference county platform: what the demo and the tests talk to."""
