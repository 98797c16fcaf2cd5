"""Values the API tests share."""
import jwt

SIGNING_KEY = "sample-key"
SAMPLE_CLAIMS = {"sub": "alice", "account": "0042"}

SAMPLE_TOKEN = jwt.encode(SAMPLE_CLAIMS, SIGNING_KEY, algorithm="HS256")
SAMPLE_HEADERS = {"Authorization": "Bearer " + SAMPLE_TOKEN}
