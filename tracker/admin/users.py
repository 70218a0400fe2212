"""The editors' own accounts, as Django's auth admin shows them."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from tracker.models import User

admin.site.register(User, UserAdmin)
