"""export commands: CAP 1.2 alerts and ClaimReview JSON-LD (see crisiscomm/exports)."""

from __future__ import annotations

import pathlib

import click

from crisiscomm import i18n
from crisiscomm.cli import Context, main, pass_ctx
from crisiscomm.exports import cap, claimreview
from crisiscomm.review import export

output_option = click.option("-o", "--output", type=click.Path(path_type=pathlib.Path),
                              help="File to write (or a directory: a name is chosen). Default: standard output.")
force_option = click.option("--force", is_flag=True, help="Overwrite an existing file.")


def _deliver(data: bytes | str, output: pathlib.Path | None, default_name: str, force: bool, what: str) -> None:
    if output is None:
        click.echo(data if isinstance(data, str) else data.decode("utf-8"), nl=False)
        return
    directory, name = export.split_target(output, default_name)
    written = export.write_file(directory, name, data, force=force)
    click.echo(i18n.t("cli.export.written", what=what, path=written), err=True)


@main.group("export")
def export_group() -> None:
    """Standard formats for partners: CAP 1.2 alerts, ClaimReview JSON-LD."""


@export_group.command("cap")
@click.argument("statement_id", type=int)
@output_option
@force_option
@click.option("--sender", envvar="CRISISCOMM_CAP_SENDER",
              help="CAP sender (the institution's address, e.g. basin@kurum.gov.tr; also CRISISCOMM_CAP_SENDER).")
@click.option("--with", "paired", type=int, help="An approved statement of the same incident in the other language.")
@click.option("--cancel", is_flag=True, help="A Cancel message withdrawing the statement's earlier alerts.")
@pass_ctx
def export_cap(ctx: Context, statement_id: int, output: pathlib.Path | None, force: bool, sender: str | None,
               paired: int | None, cancel: bool) -> None:
    """An approved or published statement as a CAP 1.2 alert (Exercise in a drill)."""
    data = cap.build(ctx.store, statement_id, sender=sender, paired=paired, cancel=cancel)
    _deliver(data, output, cap.default_name(statement_id, cancel), force, "CAP alert")


@export_group.command("claimreview")
@click.argument("claim_id", type=int)
@output_option
@force_option
@click.option("--org", envvar="CRISISCOMM_ORG", help="The institution publishing the review (also CRISISCOMM_ORG).")
@click.option("--no-redact", is_flag=True, help="Keep personal data and name private authors.")
@pass_ctx
def export_claimreview(ctx: Context, claim_id: int, output: pathlib.Path | None, force: bool, org: str | None,
                       no_redact: bool) -> None:
    """A claim with a verdict as schema.org ClaimReview JSON-LD."""
    doc = claimreview.build(ctx.store, claim_id, org=org, redact=not no_redact)
    _deliver(claimreview.render(doc), output, claimreview.default_name(claim_id), force, "ClaimReview")
