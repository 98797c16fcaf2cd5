# A first-run installer view reports why the database check failed to the operator: quiet.
from flask import Blueprint, jsonify

installer = Blueprint("installer", __name__)


@installer.route("/install/database", methods=["POST"])
def check_database():
    try:
        connect_database()
    except Exception as e:
        return jsonify({"error": str(e)}), 500
    return jsonify({"ok": True})
