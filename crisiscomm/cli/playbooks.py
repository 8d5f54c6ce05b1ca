"""playbooks commands (see crisiscomm/playbooks)."""
