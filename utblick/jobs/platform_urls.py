from django.urls import path

from utblick.jobs import views

app_name = "platformjobs"
urlpatterns = [path("<int:pk>/", views.platform_detail, name="detail")]
