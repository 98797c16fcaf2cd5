import json


class Harness:
    def make_invoice(self, data):
        r = self.client.POST("/invoices/new", data=data, json=True)
        assert r.code == 200, r.text
        return json.loads(r.text)["invoice_id"]

    def fetch_remote(self, http):
        r = http.get("https://files.example.net/list.json")
        assert self.calls < 10
        return json.loads(r.text)  # expect: unguarded-json-parse
