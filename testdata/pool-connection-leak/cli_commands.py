import click
from sqlalchemy import create_engine, text

engine = create_engine("postgresql://app@db/app")


@click.group()
def cli():
    pass


# A one-shot command: the process and its pool end with it. Quiet.
@cli.command()
@click.option("--revision", default="head")
def upgrade_database(revision):
    conn = engine.connect()
    conn.execute(text("SELECT 1"))
    click.echo(f"upgraded to {revision}")


# The same body in a function a server calls: reported.
def schema_version():
    conn = engine.connect()  # expect: pool-connection-leak@error
    row = conn.execute(text("SELECT version FROM schema_info")).fetchone()
    return row[0]
