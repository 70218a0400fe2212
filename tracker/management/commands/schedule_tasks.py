"""Start the periodic tasks (the link checker, the daily alerts) unless they are waiting already.

Each of them enqueues its own next run when it ends, so this is needed once for a new archive,
or after the task queue was emptied. `make run` calls it; a deployment calls it after migrate.
"""

from django.core.management.base import BaseCommand
from django.tasks import TaskResultStatus, default_task_backend

from tracker import tasks


def waiting(task):
    """Whether a run of `task` waits in the queue. Only the database backend can be asked; with
    another, a second chain of runs is harmless (each skips what the first did) but wasteful."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if not isinstance(default_task_backend, DatabaseBackend):
        return False
    waiting_or_running = [TaskResultStatus.READY, TaskResultStatus.RUNNING]
    return DBTaskResult.objects.filter(
        task_path=task.module_path, status__in=waiting_or_running
    ).exists()


class Command(BaseCommand):
    help = "Enqueue the periodic tasks that are not waiting already."

    def handle(self, *args, **options):
        for task in tasks.PERIODIC:
            if waiting(task):
                self.stdout.write(f"{task.name}: waiting already")
            else:
                task.enqueue()
                self.stdout.write(f"{task.name}: enqueued")
