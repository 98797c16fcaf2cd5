# A row written per item with a new file object: saving it uploads the file's bytes through
# the storage backend, the cost of the iteration (`bulk_create` would skip the file save).
# The same row written with the file's name only, or a lookup per item, is reported.
from django.core.files.base import ContentFile

from .models import Attachment, Image


def import_images(owner, downloads):
    for name, content in downloads:
        Image.objects.create(owner=owner, image=ContentFile(content, name=name))


def import_attachments(owner, archive, names):
    for name in names:
        data = archive.read(name)
        upload = ContentFile(data, name=name)
        Attachment.objects.create(owner=owner, file=upload)
        Attachment.objects.filter(owner=owner, name=name).exists()  # expect: n-plus-one-query


def link_images(owner, downloads):
    for name, url in downloads:
        Image.objects.create(owner=owner, name=name, url=url)  # expect: n-plus-one-query
