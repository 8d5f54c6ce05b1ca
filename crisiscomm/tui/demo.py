"""Demo (scaffold: replaced by the drills capability)."""


def start_demo_in_app(app):
    return None
