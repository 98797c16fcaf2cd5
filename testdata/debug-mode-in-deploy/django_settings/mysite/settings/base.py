DEBUG = False
ALLOWED_HOSTS = ["example.com"]
ROOT_URLCONF = "mysite.urls"
