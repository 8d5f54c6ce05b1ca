"""The wall: a read-only, high-contrast view of the incident for a screen across the room."""
