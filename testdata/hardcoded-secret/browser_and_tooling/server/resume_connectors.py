import requests

API_KEY = "onyx-api-k3y9"  # expect: hardcoded-secret
requests.post("http://localhost:8080/manage/resume", headers={"Authorization": API_KEY})
