# The app never puts lib/ on its import path: lib/ is its own code, reported.
from lib.certstore import insecure_context


def connect():
    return insecure_context()
