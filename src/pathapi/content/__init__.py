"""The content model and its validation: plain Python, no web framework."""
