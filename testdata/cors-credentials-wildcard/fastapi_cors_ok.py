from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from flask import Flask
from flask_cors import CORS

app = FastAPI()

# The seed's own setup, reworded: a list of origins with credentials.
frontends = [
    "http://localhost:5173",
    "https://shop.example.org",
]
app.add_middleware(
    CORSMiddleware,
    allow_origins=frontends,
    allow_credentials=True,
    allow_methods=["*"],
    allow_headers=["*"],
)

# Any origin, but no credentials.
public = FastAPI()
public.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=False)

flask_app = Flask(__name__)
CORS(flask_app, origins=["https://shop.example.org"], supports_credentials=True)
CORS(flask_app, resources={r"/api/*": {"origins": ["https://shop.example.org"]}}, supports_credentials=True)
CORS(flask_app)
