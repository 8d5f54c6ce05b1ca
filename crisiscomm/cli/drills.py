"""drills commands (see crisiscomm/drills)."""
