# The parts of one object the function has just created: the ingredients of the one recipe
# read from a file, the filters of the one view being imported. They are as many as that
# one input describes, and their queries are not reported. The same writes over the
# request's list, the rows of a query, a list handed in as a parameter, or inside a loop
# over several parents are.
from .models import Choice, Ingredient, OrderLine, Question, Recipe, Step, View, ViewFilter


def recipe_from_text(text, space):
    lines = []
    for line in text.splitlines():
        if line.strip():
            lines.append(line.strip())
    recipe = Recipe.objects.create(name=lines[0], space=space)
    step = Step.objects.create(instruction="", space=space)
    for line in lines[1:]:
        step.ingredients.add(Ingredient.objects.create(original_text=line, space=space))
    recipe.steps.add(step)
    return recipe


def recipe_with_steps(text, space):
    directions = [part.strip() for part in text.split("\n\n")]
    recipe = Recipe.objects.create(name=directions[0], space=space)
    for direction in directions[1:]:
        step = Step.objects.create(instruction=direction, space=space)
        recipe.steps.add(step)
    return recipe


def steps_of_rows(space):
    recipe = Recipe.objects.create(name="all", space=space)
    directions = Step.objects.filter(space=space)
    for direction in directions:
        step = Step.objects.create(instruction=direction.instruction, space=space)  # expect: n-plus-one-query
        recipe.steps.add(step)
    return recipe


def import_view(table, serialized_values):
    values = serialized_values.copy()
    filters = values.pop("filters", [])
    view = View.objects.create(table=table, name=values["name"])
    for view_filter in filters:
        ViewFilter.objects.create(view=view, field_id=view_filter["field_id"])
    return view


def add_question(form):
    question = Question.objects.create(text=form.cleaned_data["text"])
    choices = form.cleaned_data["choices"]
    for label in choices:
        question.choices.add(Choice.objects.get_or_create(label=label)[0])  # expect: n-plus-one-query


def place_order(request):
    order = Order.objects.create(user=request.user)
    lines = request.data["lines"]
    for line in lines:
        OrderLine.objects.create(order=order, product_id=line["product"])  # expect: n-plus-one-query
    return order


def place_order_of(user, lines):
    order = Order.objects.create(user=user)
    for line in lines:
        OrderLine.objects.create(order=order, product_id=line["product"])  # expect: n-plus-one-query
    return order


def copy_view(source):
    view = View.objects.create(table=source.table, name=source.name)
    filters = ViewFilter.objects.filter(view=source)
    for view_filter in filters:
        ViewFilter.objects.create(view=view, field_id=view_filter.field_id)  # expect: n-plus-one-query
    return view


def import_views(table, serialized_views):
    views = [dict(v) for v in serialized_views]
    parent = View.objects.create(table=table, name="all")
    for serialized in views:
        for view_filter in serialized.filters:
            ViewFilter.objects.create(view=parent, field_id=view_filter["field_id"])  # expect: n-plus-one-query
