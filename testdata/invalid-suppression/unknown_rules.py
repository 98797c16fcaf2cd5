import requests

# expect: invalid-suppression, tls-verify-disabled
requests.get("https://10.0.0.7/status", verify=False)  # backlint-ignore verify-false
