# A loop bounded in the code by a slice or a LIMIT of a few items runs a handful of
# queries, whatever the data: not reported. The same loops over all the rows are.


def latest_authors(request):
    posts = Post.objects.order_by("-created")[:5]
    names = []
    for post in posts:
        names.append(User.objects.get(pk=post.author_id).name)
    return JsonResponse({"names": names})


def top_tags(session, tag_ids):
    out = []
    for tag_id in tag_ids[:3]:
        out.append(session.get(Tag, tag_id))
    return out


def recent_customers(session):
    recent = session.query(Order).order_by(Order.created.desc()).limit(5).all()
    for order in recent:
        order.customer_row = session.get(Customer, order.customer_id)
    return recent


def featured(request):
    return [entry.author.name for entry in Entry.objects.all()[:4]]


# Look-alikes: all rows, a slice that does not start at the beginning, a big bound, or a
# slice computed at run time.
def all_authors(request):
    posts = Post.objects.order_by("-created")
    names = []
    for post in posts:
        names.append(User.objects.get(pk=post.author_id).name)  # expect: n-plus-one-query
    return JsonResponse({"names": names})


def page_of_tags(session, tag_ids, start):
    out = []
    for tag_id in tag_ids[start:]:
        out.append(session.get(Tag, tag_id))  # expect: n-plus-one-query
    return out


def many_customers(session):
    recent = session.query(Order).order_by(Order.created.desc()).limit(500).all()
    for order in recent:
        order.customer_row = session.get(Customer, order.customer_id)  # expect: n-plus-one-query
    return recent


def sized_tags(session, tag_ids, size):
    return [session.get(Tag, tag_id) for tag_id in tag_ids[:size]]  # expect: n-plus-one-query


def all_featured(request):
    return [entry.author.name for entry in Entry.objects.all()]  # expect: n-plus-one-query
