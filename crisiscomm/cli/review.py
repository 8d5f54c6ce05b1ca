"""review commands (see crisiscomm/review)."""
