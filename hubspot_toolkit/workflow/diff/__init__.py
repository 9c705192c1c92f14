"""Classify the changes between two versions of the spec, per operation, as oasdiff would."""
