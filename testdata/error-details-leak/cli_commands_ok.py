import click
from fastapi.exceptions import HTTPException


@click.group()
def cli():
    pass


async def install_plugin(name: str):
    try:
        await download_and_install(name)
        click.echo(f"Plugin '{name}' installed.")
        return True, name
    except HTTPException as ex:
        click.echo(f"Failed to install '{name}': {ex.detail}")
        return False, ex.detail
    except Exception as ex:
        click.echo(f"Failed to install '{name}': {ex!s}.")
        return False, str(ex)


@cli.command("install")
@click.argument("name")
def install(name):
    run(install_plugin(name))
