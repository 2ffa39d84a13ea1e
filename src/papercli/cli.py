"""Temporary minimal CLI (replaced by the full click layer)."""

from __future__ import annotations

import sys

import click

from papercli.pipeline import clean_text


@click.group()
def cli() -> None:
    """papercli."""


@cli.command()
@click.argument("src", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", type=click.Path())
def clean(src: str, output: str | None) -> None:
    with open(src, encoding="utf-8") as fh:
        text = fh.read()
    out = clean_text(text)
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(out)
    else:
        sys.stdout.write(out)


def main() -> None:
    cli()
