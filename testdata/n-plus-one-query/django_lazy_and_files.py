from django.db.models import Exists, OuterRef, Q

from .models import Book, Bookmark, Condition, ImportJob, Order


def tag_filter(terms):
    conditions = Q()
    for term in terms:
        conditions &= Q(Exists(Bookmark.objects.filter(id=OuterRef("id"), tags__name=term)))
    return Bookmark.objects.filter(conditions)


def stale_archives():
    names = []
    for job in ImportJob.objects.filter(complete=True):
        if job.archive_file.name:
            names.append(job.archive_file.name)
    return names


def customers():
    names = []
    for order in Order.objects.filter(status="open"):
        names.append(order.customer.name)  # expect: n-plus-one-query
    return names


def order_tags(terms):
    found = []
    for term in terms:
        found.append(Bookmark.objects.filter(tags__name=term).count())  # expect: n-plus-one-query
    return found


def open_items():
    out = []
    for order in Order.objects.filter(status="open").prefetch_related("items"):
        out.append(len(order.items.all()))
        out.append(order.items.filter(state="open").count())  # expect: n-plus-one-query
    return out


def covers_with_wrong_paths():
    has_cover = Book.objects.exclude(cover="")
    return [b.id for b in has_cover if not b.cover.storage.exists(b.cover.name)]


def publisher_names():
    return [b.publisher.name for b in Book.objects.exclude(cover="")]  # expect: n-plus-one-query


def pending_conditions(days):
    conditions = Condition.objects.none()
    for seq in Condition.objects.filter(active=True):
        conditions |= seq.conditions.filter(days__gte=days)
    return conditions


def counted_conditions(days):
    total = 0
    for seq in Condition.objects.filter(active=True):
        total += seq.conditions.filter(days__gte=days).count()  # expect: n-plus-one-query
    return total
