"""The process model of ``pathapi serve``: granian, one build for all workers, rolling replacement, graceful stop."""
