import click
from fastapi import FastAPI

app = FastAPI()


@click.group()
def cli():
    pass


@app.post("/plugins/{name}")
async def install_plugin(name: str):
    try:
        await download_and_install(name)
        return {"ok": True}
    except Exception as ex:
        return {"ok": False, "error": str(ex)}  # expect: error-details-leak


@cli.command("install")
@click.argument("name")
def install(name):
    run(install_plugin(name))
