from django.contrib.auth.management import create_permissions
from django.db import migrations

# Editors and chief editors read what the background work found; chief editors also read the
# tasks themselves, failures and all (django-tasks-db's admin).
BOTH = ["view_snapshot", "view_linkstatus", "view_linkcheck"]
CHIEF_ONLY = ["view_dbtaskresult"]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in [("Editors", BOTH), ("Chief editors", BOTH + CHIEF_ONLY)]:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(codename__in=codenames))


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(
        name__in=["Editors", "Chief editors"]
    ):
        group.permissions.remove(*Permission.objects.filter(codename__in=BOTH + CHIEF_ONLY))


class Migration(migrations.Migration):
    dependencies = [
        ("tracker", "0016_snapshots_links_alerts"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
