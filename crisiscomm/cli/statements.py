"""statements commands (see crisiscomm/statements)."""
