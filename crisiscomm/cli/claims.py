"""claims commands (see crisiscomm/claims)."""
