# A helper walking a parameter: the callers in the file decide how long the loop is. When
# every call passes the parts of one record (the shelves of one imported book, the images
# of one imported place) or a constant, the queries run a handful of times per call and
# are not reported. A helper some caller hands the rows of a query or a request's list is.
from .models import Book, Image, Shelf, ShelfBook

BASE_SHELVES = ["to-read", "reading", "read"]


def save_shelves(user, book, shelves):
    for shelf in shelves:
        found = Shelf.objects.filter(name=shelf["name"], user=user).first()
        if not found:
            found = Shelf.objects.create(name=shelf["name"], user=user)
        ShelfBook.objects.create(book=book, shelf=found, user=user)


def save_defaults(user, names):
    for name in names:
        Shelf.objects.get_or_create(name=name, user=user)


def import_book(user, task):
    book_data = task.book_data
    book = Book.objects.create(title=book_data["title"])
    save_shelves(user, book, book_data.get("shelves"))
    save_defaults(user, BASE_SHELVES)


class PlaceImporter:
    def _import_images(self, images_data, owner):
        for image in images_data or []:
            Image.objects.create(owner=owner, name=image["name"])

    def import_places(self, backup, owner):
        for place_data in backup["places"]:
            self._import_images(place_data.get("images", []), owner)
            self._import_images(images_data=place_data["photos"], owner=owner)


def tag_books(user, books):
    for book in books:
        Shelf.objects.get_or_create(name=book.genre, user=user)  # expect: n-plus-one-query


def tag_import(user, book_data):
    tag_books(user, book_data["books"])


def tag_all(user):
    tag_books(user, Book.objects.filter(owner=user))


def copy_shelves(user, shelves):
    for shelf in shelves:
        Shelf.objects.create(name=shelf.name, user=user)  # expect: n-plus-one-query


def copy_from_request(request):
    copy_shelves(request.user, request.data["shelves"])


def save_groups(package, groups):
    for group in groups:
        Shelf.objects.get_or_create(name=group["name"], user=package.owner)  # expect: n-plus-one-query


def save_package(package, package_dict):
    # The data dict the client sent: its lists are as long as the client makes them.
    save_groups(package, package_dict.get("groups"))
