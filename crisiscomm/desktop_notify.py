"""Desktop notifications through the freedesktop Notifications service on the session bus.

Where the desktop offers one (a session bus with `org.freedesktop.Notifications`),
`notify` shows the alert and returns True; anywhere else (a server, an SSH
session, no bus, no service, a slow one) it returns False and says nothing.
Notification servers may read simple HTML in the body: text from outside is
escaped.
"""

from __future__ import annotations

import html
import os

APP_NAME = "crisiscomm"
TIMEOUT_S = 2.0
EXPIRE_MS = 15_000
URGENCY_CRITICAL = 2
URGENCY_NORMAL = 1


def notify(summary: str, body: str = "", *, critical: bool = False) -> bool:
    """Show a notification; False (silently) when the desktop offers none."""
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return False
    try:
        from jeepney import DBusAddress, MessageType, new_method_call
        from jeepney.io.blocking import open_dbus_connection
    except ImportError:
        return False
    service = DBusAddress("/org/freedesktop/Notifications", bus_name="org.freedesktop.Notifications",
                          interface="org.freedesktop.Notifications")
    hints = {"urgency": ("y", URGENCY_CRITICAL if critical else URGENCY_NORMAL)}
    message = new_method_call(service, "Notify", "susssasa{sv}i",
                              (APP_NAME, 0, "dialog-warning", summary, html.escape(body), [], hints, EXPIRE_MS))
    try:
        with open_dbus_connection(bus="SESSION") as connection:
            reply = connection.send_and_get_reply(message, timeout=TIMEOUT_S)
    except Exception:  # noqa: BLE001 - no bus, no service, refused, timed out: the desktop offers none
        return False
    return reply.header.message_type is MessageType.method_return
