# The parts of one parsed document: the tags, steps and ingredients of one imported recipe,
# the elements under one node of its XML or HTML, the items of one comma-separated field.
# Their number is set by that one document, not by a table, and their queries are not
# reported. The same queries over a request's list, a listing held in a plural name or
# the rows of a query are.
import json

from .models import Ingredient, Keyword, Step, Tag


def import_recipe(text, space):
    recipe_json = json.loads(text)
    for tag in recipe_json["tags"]:
        Keyword.objects.get_or_create(name=tag.strip(), space=space)
    for step in recipe_json.get("steps", []):
        Step.objects.create(instruction=step["text"], space=space)
    for line in recipe_json["ingredients"].split("\n"):
        Ingredient.objects.create(original_text=line, space=space)
    for block in recipe_json["body"]["blocks"]:
        Step.objects.create(instruction=block["text"], space=space)


def import_keywords(keywords_text, space):
    for name in keywords_text.split(","):
        Keyword.objects.get_or_create(name=name.strip(), space=space)


def import_html(page, space):
    for category in page.find_all("span", {"itemprop": "recipeCategory"}):
        Keyword.objects.get_or_create(name=category.text, space=space)
    for item in page.find("ul").children:
        Ingredient.objects.create(original_text=item.text, space=space)


def import_xml(recipe_xml, space):
    for ingredient in recipe_xml.find("part").findall("ingredient"):
        Ingredient.objects.create(original_text=ingredient.text, space=space)


def add_tags(request):
    for name in request.data["tags"]:
        Tag.objects.get_or_create(name=name)  # expect: n-plus-one-query


def add_labels(request):
    payload = request.data
    for name in payload["labels"]:
        Tag.objects.get_or_create(name=name)  # expect: n-plus-one-query


def sync_folder(listing, space):
    entries = listing["entries"]
    for entry in entries:
        Step.objects.filter(file_path=entry["path"], space=space).exists()  # expect: n-plus-one-query


def sync_listing(results, space):
    for entry in results["entries"]:
        Step.objects.filter(file_path=entry["path"], space=space).exists()  # expect: n-plus-one-query


def import_lines(text, space):
    for line in text.split("\n"):
        Ingredient.objects.create(original_text=line, space=space)  # expect: n-plus-one-query
