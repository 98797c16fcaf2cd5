from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from flask import Flask
from flask_cors import CORS
from starlette.middleware import Middleware

app = FastAPI()

app.add_middleware(  # expect: cors-credentials-wildcard
    CORSMiddleware,
    allow_origins=["*"],
    allow_credentials=True,
)

EVERYONE = ["*"]
middleware = [Middleware(CORSMiddleware, allow_origins=EVERYONE, allow_credentials=True)]  # expect: cors-credentials-wildcard

other = FastAPI()
other.add_middleware(CORSMiddleware, allow_origin_regex=".*", allow_credentials=True)  # expect: cors-credentials-wildcard

flask_app = Flask(__name__)
CORS(flask_app, supports_credentials=True)  # expect: cors-credentials-wildcard
