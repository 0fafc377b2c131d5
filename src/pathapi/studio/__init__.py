"""The editors' studio: paths as customers will see them, problems in place, readable review."""
