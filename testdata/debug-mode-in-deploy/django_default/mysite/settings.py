ALLOWED_HOSTS = ["*"]
DEBUG = True  # expect: debug-mode-in-deploy
ROOT_URLCONF = "mysite.urls"


def debug_toolbar_enabled(request):
    DEBUG = False
    return DEBUG
