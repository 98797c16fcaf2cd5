# A third-party library copied under vendor/: quiet.
API_KEY = "shop-api-k3y9"
