# Entry script: the bundled dependencies in lib/ come first on the import path.
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "lib"))

from webapp import app  # noqa: E402

app.run()
