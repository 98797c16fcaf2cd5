DEBUG = True
ALLOWED_HOSTS = ["localhost"]
ROOT_URLCONF = "mysite.urls"
