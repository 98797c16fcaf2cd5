from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("articles/", include("articles.urls")),
    # A third-party app answers paths this project does not spell.
    path("", include("watchman.urls")),
]
