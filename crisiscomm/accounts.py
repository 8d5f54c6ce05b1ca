"""Account register (scaffold: replaced by the claims/accounts capability)."""


def readiness_warnings(store):
    return []
