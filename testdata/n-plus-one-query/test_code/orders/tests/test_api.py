import pytest

from orders.models import Customer


@pytest.mark.django_db
def test_bulk_names(client):
    for i in range(3):
        Customer.objects.create(name=f"user{i}")
    assert client.get("/customers/").status_code == 200
