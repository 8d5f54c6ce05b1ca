"""Approvals signed with a per-operator Ed25519 key (cryptography), checked offline.

`crisiscomm key new` makes a key pair: the private half in a file only its
owner may read (`CRISISCOMM_KEY`, else `signing.key` in the user's config
folder), the public half printed for team.toml (`public_key = "…"`). When
the approver's team entry has a public key, an approval is refused unless this
process holds the matching private key; the approval event then carries the
signature over the statement, version, SHA-256 of the approved text (the body and
its channel texts, crisiscomm.statements.channel_texts.signed_text), the
approver and the incident. `crisiscomm verify` checks every signature against
team.toml, and that the stored text is still the signed one.
"""

from __future__ import annotations

import base64
import hashlib
import os
import pathlib
import stat
from dataclasses import dataclass

from crisiscomm import files, identity, operators
from crisiscomm.errors import CrisisError, Refused
from crisiscomm.seal import canonical
from crisiscomm.statements.channel_texts import signed_text
from crisiscomm.store import Store
from crisiscomm.file_strings import t

ENV_KEY = "CRISISCOMM_KEY"


class SigningKeyError(CrisisError):
    """A signing key that cannot be used."""


@dataclass(frozen=True)
class Checked:
    """A signed approval that verified."""

    event: int
    statement: int
    version: int
    approver: str
    key: str  # fingerprint


def key_path() -> pathlib.Path:
    explicit = os.environ.get(ENV_KEY)
    if explicit:
        return pathlib.Path(explicit).expanduser()
    import platformdirs

    return pathlib.Path(platformdirs.user_config_dir("crisiscomm")) / "signing.key"


def fingerprint(public: bytes) -> str:
    return hashlib.sha256(public).hexdigest()[:16]


def _public_bytes(private) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def new_key(path: pathlib.Path | None = None, *, force: bool = False) -> tuple[pathlib.Path, str]:
    """Write a new private key (0600, never over an existing one unless `force`); (path, public key text)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    path = path or key_path()
    if path.is_symlink() or (path.exists() and not force):
        raise SigningKeyError(t("file.key.exists", path=path))
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC | (0 if force else os.O_EXCL)
    fd = os.open(path, flags, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(pem)
    os.chmod(path, 0o600)
    return path, base64.b64encode(_public_bytes(private)).decode("ascii")


def _load_private(path: pathlib.Path):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    try:
        info = os.lstat(path)
    except FileNotFoundError:
        raise SigningKeyError(t("file.key.missing", path=path, env_key=ENV_KEY)) from None
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISREG(info.st_mode):
        raise SigningKeyError(t("file.key.not_regular", path=path))
    if info.st_mode & 0o077:
        raise SigningKeyError(t("file.key.readable", path=path, mode=stat.S_IMODE(info.st_mode)))
    try:
        private = serialization.load_pem_private_key(files.read_bytes(path, limit=64 * 1024, follow_symlinks=False),
                                                     password=None)
    except (ValueError, TypeError, files.FileRefused) as exc:
        raise SigningKeyError(t("file.key.unusable", path=path, exc=exc)) from None
    if not isinstance(private, Ed25519PrivateKey):
        raise SigningKeyError(t("file.key.not_ed25519", path=path))
    return private


def message(statement: int, version: int, body_sha256: str, approver: str, incident: int | None) -> bytes:
    return canonical({"approve": {"statement": statement, "version": version, "body_sha256": body_sha256,
                                  "approver": approver, "incident": incident}}).encode("utf-8")


def sign_approval(operator: str, statement: int, version: int, body: str, incident: int | None) -> dict | None:
    """The signature an approval by `operator` carries, or None when team.toml asks for none."""
    _team, member = operators.member_for(operator)
    if member is None or not member.public_keys:
        return None
    private = _load_private(key_path())
    public = _public_bytes(private)
    if public not in member.public_keys:
        raise Refused(t("file.key.wrong", name=member.name, path=key_path(), key=fingerprint(public)))
    body_sha256 = hashlib.sha256(body.encode("utf-8")).hexdigest()
    signature = private.sign(message(statement, version, body_sha256, member.name, incident))
    return {"key": fingerprint(public), "signer": member.name, "body_sha256": body_sha256,
            "value": base64.b64encode(signature).decode("ascii")}


def check_approvals(store: Store, approvals: list[dict]) -> tuple[list[Checked], list[tuple[int, str]]]:
    """(signed approvals that verify, problems) for the approval events that carry a signature."""
    if not approvals:
        return [], []
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    team = operators.load_team()
    checked: list[Checked] = []
    problems: list[tuple[int, str]] = []
    for approval in approvals:
        event, sig = approval["event"], approval["signature"]
        member = team.member(sig.get("signer", "")) if team else None
        keys = {fingerprint(k): k for k in (member.public_keys if member else ())}
        public = keys.get(sig.get("key"))
        if member is not None and not identity.same_person(member.name, approval["operator"]):
            problems.append((event, f"approved by {approval['operator']} but signed as {member.name}"))
            continue
        if public is None:
            problems.append((event, f"signed by {sig.get('signer')} with key {sig.get('key')}, which team.toml does "
                                    "not list for them: the signature cannot be checked"))
            continue
        signed = message(approval["statement"], approval["version"], sig["body_sha256"], member.name,
                         _incident_of(store, approval["statement"]))
        try:
            Ed25519PublicKey.from_public_bytes(public).verify(base64.b64decode(sig["value"]), signed)
        except (InvalidSignature, ValueError):
            problems.append((event, f"the signature of {member.name}'s approval does not verify"))
            continue
        row = store.one("SELECT body, channel_texts FROM statement_versions WHERE statement_id = ? AND version = ?",
                        (approval["statement"], approval["version"]))
        body = signed_text(row) if row is not None else None  # the channel texts are approved with the body
        if body is None or hashlib.sha256(body.encode("utf-8")).hexdigest() != sig["body_sha256"]:
            problems.append((event, f"statement {approval['statement']} v{approval['version']} is not the text "
                                    f"{member.name} signed"))
            continue
        checked.append(Checked(event, approval["statement"], approval["version"], member.name, sig["key"]))
    return checked, problems


def _incident_of(store: Store, statement_id: int) -> int | None:
    return store.scalar("SELECT incident_id FROM statements WHERE id = ?", (statement_id,))


def public_of(path: pathlib.Path | None = None) -> tuple[str, str]:
    """(public key text for team.toml, fingerprint) of the private key at `path` (default: `key_path()`)."""
    public = _public_bytes(_load_private(path or key_path()))
    return base64.b64encode(public).decode("ascii"), fingerprint(public)
