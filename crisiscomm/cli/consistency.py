"""consistency commands (see crisiscomm/consistency)."""
