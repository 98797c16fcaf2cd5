from flask import Flask

app = Flask(__name__)


@app.route("/password/forgot-password", methods=["GET", "POST"])  # expect: auth-route-without-rate-limit
def forgot_password():
    return send_reset_mail()


@app.route("/login", methods=["GET"])
def login_page():
    return render_login()


@app.route("/users/<int:user_id>/reset", methods=["POST"])
def reset_counter(user_id):
    return reset_counter_for(user_id)
