# SET lists from an allow-list of keys, sort columns checked before use (`abort` leaves),
# number-typed parameters and names the program computes: quiet.
import hashlib
import uuid

ALLOWED = {"name", "email"}
SORTABLE = ("name", "created_at")


@app.route("/users/<int:user_id>", methods=["PATCH"])
def update(user_id):
    data = request.json
    keys = [k for k in data if k in ALLOWED]
    sets = ", ".join(f"{k} = %s" for k in keys)
    cursor.execute(f"UPDATE users SET {sets} WHERE id = %s", [data[k] for k in keys] + [user_id])


@app.route("/users/<int:user_id>", methods=["PUT"])
def update_any(user_id):
    data = request.json
    sets = ", ".join(f"{k} = %s" for k in data)
    # expect: sql-interpolation
    cursor.execute(f"UPDATE users SET {sets} WHERE id = %s", list(data.values()) + [user_id])


@app.route("/users")
def sort():
    col = request.args.get("sort", "name")
    if col not in SORTABLE:
        abort(400)
    direction = "DESC" if request.args.get("dir") == "desc" else "ASC"
    cursor.execute(f"SELECT * FROM users ORDER BY {col} {direction}")


@app.route("/users/unchecked")
def sort_unchecked():
    col = request.args.get("sort", "name")
    if not col:
        abort(400)
    # expect: sql-interpolation
    cursor.execute(f"SELECT * FROM users ORDER BY {col}")


def create_work_tables(payload):
    digest = "q_" + hashlib.md5(payload).hexdigest()
    table = "t_{}".format(uuid.uuid4().hex)
    cursor.execute(f"CREATE TABLE {digest} (id int)")
    cursor.execute(f"CREATE TABLE {table} (id int)")


def set_timeout(ms: int):
    cursor.execute(f"SET statement_timeout = {ms}")


def set_schema(schema: str):
    cursor.execute(f"SET search_path = {schema}")
