"""Local development server with the debugger and reloader."""
from app import app

app.run(host="127.0.0.1", port=8000, debug=True, use_reloader=True)
