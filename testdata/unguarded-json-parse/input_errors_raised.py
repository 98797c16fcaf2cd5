import json

from django.http import Http404


# A Django view answers its own input errors (Http404) but a decode error is a 500.
def import_contacts(request):
    if "contacts" not in request.POST:
        raise Http404("no contacts")
    contacts = json.loads(request.POST["contacts"])  # expect: unguarded-json-parse
    return len(contacts)


# A decoder that raises ValueError for a bad payload: its callers handle ValueError, and
# JSONDecodeError is one.
def envelope_from_socket(sock):
    payload = sock.recv(65536)
    decoded = json.loads(payload)
    if not isinstance(decoded, dict):
        raise ValueError("payload must be a JSON object")
    return decoded


# Raises something else: a decode error is not what its callers expect.
def event_from_socket(sock):
    payload = sock.recv(65536)
    decoded = json.loads(payload)  # expect: unguarded-json-parse
    if not isinstance(decoded, dict):
        raise LookupError("payload must be a JSON object")
    return decoded
