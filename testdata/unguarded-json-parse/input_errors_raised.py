import json

from django.http import Http404


# A Django view answers its own input errors (Http404) but a decode error is a 500.
def import_contacts(request):
    if "contacts" not in request.POST:
        raise Http404("no contacts")
    contacts = json.loads(request.POST["contacts"])  # expect: unguarded-json-parse
    return len(contacts)
