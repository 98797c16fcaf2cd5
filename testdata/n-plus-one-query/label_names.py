# The label names of one item found or created by name: the tags named by the folders of
# one consumed file's path, the keywords written in one recipe's text. They are as many as
# that one item carries, and their queries are not reported. The same lookups over the
# request's input, the rows of a query, a list handed in as a parameter, or users by name
# are.
from .models import Keyword, Tag, User


def tags_from_path(path, root):
    parts = path.relative_to(root).parent.parts
    for part in parts:
        Tag.objects.get_or_create(name=part)


def keywords_of_text(recipe_text, space):
    names = [n.strip() for n in recipe_text.split(";")]
    for name in names:
        Keyword.objects.filter(name__iexact=name, space=space).first()


def add_request_tags(request):
    names = request.data["tags"]
    for name in names:
        Tag.objects.get_or_create(name=name)  # expect: n-plus-one-query


def clean_merge_tags(form):
    names = form_names(form.cleaned_data.get("merge_tags", ""))
    for name in names:
        Tag.objects.get(name__iexact=name)  # expect: n-plus-one-query


def copy_tag_names(space):
    names = Tag.objects.values_list("name", flat=True)
    for name in names:
        Keyword.objects.get_or_create(name=name, space=space)  # expect: n-plus-one-query


def add_tags(tag_names):
    for name in tag_names:
        Tag.objects.get_or_create(name=name)  # expect: n-plus-one-query


def notify_mentions(note_text):
    names = [w[1:] for w in note_text.split() if w.startswith("@")]
    for name in names:
        User.objects.filter(username=name).first()  # expect: n-plus-one-query


def clean_tag_values(tag_values):
    tag_values = frozenset(tag_values)
    for name in tag_values:
        Tag.objects.create(name=name)  # expect: n-plus-one-query


def merged_tags(self):
    typed = self.cleaned_data.get("merge_tags", "")
    names = split_names(typed)
    for name in names:
        Tag.objects.get(name__iexact=name)  # expect: n-plus-one-query
