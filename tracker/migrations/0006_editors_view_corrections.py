from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    view = Permission.objects.get(content_type__app_label="tracker", codename="view_correction")
    for group in Group.objects.filter(name__in=["Editors", "Chief editors"]):
        group.permissions.add(view)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    view = Permission.objects.filter(content_type__app_label="tracker", codename="view_correction")
    for group in apps.get_model("auth", "Group").objects.filter(
        name__in=["Editors", "Chief editors"]
    ):
        group.permissions.remove(*view)


class Migration(migrations.Migration):
    dependencies = [("tracker", "0005_quote_editors_notes")]

    operations = [migrations.RunPython(grant, revoke)]
