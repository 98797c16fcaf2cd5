# The app's entry script puts its folder of bundled dependencies first on the import path.
import os
import sys

LIB_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib")
sys.path.insert(0, LIB_DIR)

from mediatracker import main  # noqa: E402

main.start()
