from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.middleware.sessions import SessionMiddleware

app = FastAPI()
bearer = HTTPBearer()

app.add_middleware(SessionMiddleware, secret_key_env="SESSION_KEY")
app.add_middleware(  # expect: cors-credentials-wildcard
    CORSMiddleware,
    allow_origins=["*"],
    allow_credentials=True,
    allow_headers=["Authorization"],
)


@app.get("/me")
def me(token: HTTPAuthorizationCredentials = Depends(bearer)):
    return {"token_length": len(token.credentials)}
