"""Iterations that embed each document into a vector database or render each video's
thumbnail: that work is the cost of the turn, and the row written beside it is a small part
of it. The same writes in a loop doing no such work stay reported."""
import subprocess

from .models import Chunk, Document, Thumbnail
from .vectors import vector_store


def index_documents(document_ids):
    for document_id in document_ids:
        # The lookup comes before the work: one query over the ids would do.
        document = Document.objects.get(id=document_id)  # expect: n-plus-one-query
        vectors = vector_store.embed_documents([document.body])
        Chunk.objects.create(document=document, dimensions=len(vectors[0]))


def render_thumbnails(videos):
    for video in videos:
        subprocess.run(["ffmpeg", "-i", video.path, video.thumbnail_target])
        image = make_thumbnail(video.path)
        Thumbnail.objects.create(video=video, size=len(image))


def touch_documents(document_ids):
    for document_id in document_ids:
        document = Document.objects.get(id=document_id)  # expect: n-plus-one-query
        Chunk.objects.create(document=document, dimensions=0)  # expect: n-plus-one-query


def link_thumbnails(videos):
    for video in videos:
        url = thumbnail_url(video.id)
        Thumbnail.objects.create(video=video, url=url)  # expect: n-plus-one-query


def make_thumbnail(path):
    return path.encode()


def thumbnail_url(video_id):
    return f"/thumbs/{video_id}.jpg"
