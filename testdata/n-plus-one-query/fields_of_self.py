from django.db import models

from .models import Alert, Keyword, Tag, User


class Recipe(models.Model):
    tags = models.JSONField(default=list)

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # The tags of this one recipe: its own field, a handful.
        for name in self.tags:
            Tag.objects.get_or_create(name=name)

    def apply_keywords(self, metadata):
        for key in self.metadata.keyword_ids:
            Keyword.objects.get(pk=key)

    def copy_options(self):
        return {field: User.objects.get(id=value) for field, value in self.options.items()}


class Notifier:
    def __init__(self):
        self.pending = []

    def flush(self):
        # Work collected to flush later grows with what was received.
        for user_id in self.pending:
            Alert.objects.create(user_id=user_id)  # expect: n-plus-one-query

    def notify(self, users):
        for user in users:
            Alert.objects.create(user=user)  # expect: n-plus-one-query

    def relations(self):
        # A relation read through a query, not a field of the object.
        for comment in self.comments.all():
            User.objects.get(id=comment.author_id)  # expect: n-plus-one-query


def outside_a_method(self_like):
    for name in self_like.tags:
        Tag.objects.get_or_create(name=name)  # expect: n-plus-one-query
