from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
CHIEF_EDITORS = "Chief editors"

# Editors prepare records; chief editors also publish, correct, retract and delete drafts.
EDITABLE = ["quote", "figure", "source", "speaker", "role", "outlet", "event"]
VIEW_ONLY = ["nation", "topic", "stance"]
CHIEF_ONLY = ["publish_quote", "retract_quote", "correct_quote"]


def create_groups(apps, schema_editor):
    # Permissions are normally made after migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    tracker = Permission.objects.filter(content_type__app_label="tracker")

    editor_codenames = [
        f"{action}_{model}" for model in EDITABLE for action in ("view", "add", "change")
    ] + [f"view_{model}" for model in VIEW_ONLY]
    chief_codenames = (
        editor_codenames
        + [f"{action}_{model}" for model in VIEW_ONLY for action in ("add", "change")]
        + [f"delete_{model}" for model in EDITABLE + VIEW_ONLY]
        + CHIEF_ONLY
    )
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.set(tracker.filter(codename__in=editor_codenames))
    chiefs, _ = Group.objects.get_or_create(name=CHIEF_EDITORS)
    chiefs.permissions.set(tracker.filter(codename__in=chief_codenames))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITORS, CHIEF_EDITORS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("tracker", "0001_archive_records"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
