API_KEY = "shop-api-k3y9"  # expect: hardcoded-secret
