"""Holding statements: templates, the guide linter, channel texts and the approval workflow."""
