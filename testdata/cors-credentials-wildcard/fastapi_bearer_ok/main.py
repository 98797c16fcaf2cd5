from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

app = FastAPI()
bearer = HTTPBearer()

app.add_middleware(
    CORSMiddleware,
    allow_origins=["*"],
    allow_credentials=True,
    allow_headers=["Authorization"],
)


@app.get("/me")
def me(token: HTTPAuthorizationCredentials = Depends(bearer)):
    return {"token_length": len(token.credentials)}
