# An update picking one row per iteration is reported; a mapping's `get` with a fallback
# value (`objects` of a retention configuration) runs no query.
from .models import Document, Event


def move_each(moves):
    for doc_id, parent_id in moves.items():
        Document.objects.filter(id=doc_id).update(parent_id=parent_id)  # expect: n-plus-one-query


def expire(events, retain):
    # `objects` of a retention configuration is a mapping: a lookup with a fallback value.
    for event in events:
        days = retain.objects.get(event.label, retain.default)
        print(days)


def reload(events):
    for event in events:
        Event.objects.get(pk=event.id)  # expect: n-plus-one-query
