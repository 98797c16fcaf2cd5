import requests

from shop.models.user_group import UserGroupDao
from shop.text import slugify


def assign_admins(group_id: int, user_ids: list[int]) -> list:
    added = []
    for user_id in user_ids:
        # One INSERT and one SELECT per user: the module holding the query is imported by
        # its dotted path, not relatively.
        added.append(UserGroupDao.add_admin(user_id, group_id))  # expect: n-plus-one-query
    return added


def group_slugs(names: list[str]) -> list[str]:
    # A helper of the project that runs no query.
    return [slugify(name) for name in names]


def notify_directory(url: str) -> None:
    requests.post(url, json={}, verify=False)  # expect: tls-verify-disabled
