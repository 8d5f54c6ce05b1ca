"""feeds commands (see crisiscomm/feeds)."""
