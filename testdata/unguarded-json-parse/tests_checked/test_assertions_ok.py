import json
import unittest


def test_list_endpoint(client):
    response = client.get("/api/orders/")
    assert json.loads(response.content.decode()) == {"results": []}


class OrderApiTests(unittest.TestCase):
    def test_detail(self):
        response = self.client.get("/api/orders/1/")
        self.assertEqual(json.loads(response.content), {"id": 1})
