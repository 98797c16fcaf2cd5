# Plain data returned from code that serves no request: the caller decides what reaches a
# client (a query runner's error tuple, a background task's result). Quiet.
import logging

from flask import Flask
from flask.views import MethodView

app = Flask(__name__)
logger = logging.getLogger(__name__)


class QueryRunner:
    def run_query(self, query):
        try:
            return self.connection.execute(query), None
        except Exception as e:
            logger.exception("query failed")
            return None, str(e)


def refresh_schema(source_id):
    try:
        return {"schema": load_schema(source_id)}
    except Exception as e:
        return {"error": {"code": 2, "details": str(e)}}


# The same data returned by a route, a view or a view class method is the response.
@app.route("/schema/<int:source_id>")
def schema(source_id):
    try:
        return {"schema": load_schema(source_id)}
    except Exception as e:
        return {"error": str(e)}, 500  # expect: error-details-leak


def django_view(request, source_id):
    try:
        return {"schema": load_schema(source_id)}
    except Exception as e:
        return {"error": str(e)}  # expect: error-details-leak


class SchemaView(MethodView):
    def get(self, source_id):
        try:
            return {"schema": load_schema(source_id)}
        except Exception as e:
            return {"error": str(e)}  # expect: error-details-leak


# A response object built outside a handler is still what the client gets.
class Wallet:
    def create_invoice(self, amount):
        try:
            return InvoiceResponse(ok=True, payment_request=self.node.invoice(amount))
        except Exception as e:
            return InvoiceResponse(ok=False, error_message=str(e))  # expect: error-details-leak


# A record of how internal work went, kept with the run and read by its operators: quiet.
class Connector:
    def process_file(self, file):
        try:
            return self.extract(file)
        except Exception as e:
            return ConnectorFailure(failed_document=file.id, failure_message=f"Failed: {e}")

    def extract_attachment(self, attachment):
        try:
            return self.read(attachment)
        except Exception as e:
            return AttachmentProcessingResult(text=None, error=f"Failed to extract text: {e}")


# An answer object built from the error is what the caller sends on: reported.
class Wallet:
    async def create_invoice(self, amount):
        try:
            return await self.node.add_invoice(amount)
        except Exception as exc:
            return InvoiceResponse(ok=False, error_message=str(exc))  # expect: error-details-leak


# A function serving no request that hands the message to another function (which stores
# it) returns that function's result. Quiet; a helper named for building the answer, or a
# route doing the same, is reported.
def execute_payout(db, payout):
    try:
        return send_payout(payout)
    except Exception as e:
        report_to_tracker(e)
        return update_payout_status(db, payout.id, "pending", str(e))


def payout_status(db, payout):
    try:
        return fetch_status(payout)
    except Exception as e:
        return error_response(f"status failed: {e}")  # expect: error-details-leak


@app.route("/payouts/<int:payout_id>/retry", methods=["POST"])
def retry_payout(payout_id):
    try:
        return send_payout(load_payout(payout_id))
    except Exception as e:
        return update_payout_status(db, payout_id, "pending", str(e))  # expect: error-details-leak
