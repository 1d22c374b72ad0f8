from django.contrib.auth.decorators import login_not_required

from utblick.api.api import api

urls, app_name, namespace = api.urls
# The API authenticates by token, not by session: open it to LoginRequiredMiddleware.
for pattern in urls:
    pattern.callback = login_not_required(pattern.callback)
urlpatterns = urls
