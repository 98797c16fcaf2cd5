# A scratch app for trying endpoints by hand; no deployment loads it.
from fastapi import FastAPI

playground = FastAPI(debug=True)
