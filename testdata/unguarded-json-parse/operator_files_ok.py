# Files the application ships or its operator supplies, and a JSON API's answer: a helper
# given a path, a packaged resource, an archive handed to an importer, the body of a cloud
# API response. Nothing shows the text comes from outside: quiet.
import gzip
import json
from pathlib import Path


def get_asset_json(path):
    with open(path) as f:
        return json.loads(f.read())


def load_template(template_file_path):
    content = Path(template_file_path).read_text()
    return json.loads(content)


class Importer:
    def get_recipe_from_file(self, file):
        with gzip.open(file, "r") as recipe_zip:
            return json.loads(recipe_zip.read().decode("utf-8"))

    def install(self, template):
        template_path = self.get_valid_template_path_or_raise(template)
        content = template_path.read_text()
        return json.loads(content)


class Translations:
    def __init__(self, path: Path):
        self.translations = json.loads(path.read_text())


def seed_foods(food_resources):
    return json.loads(food_resources.en_US.read_text())


def load_case(name):
    with open(Path(__file__).parent / "cases" / f"{name}.json") as file:
        return json.load(file)


async def rerank(client, body):
    response = await client.invoke_model(modelId="m", accept="application/json", body=body)
    return json.loads(await response["body"].read())
