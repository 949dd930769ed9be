"""Background work of the events app, through Django's tasks framework (django-tasks).

``settings.TASKS`` chooses where it runs: the immediate backend (the default) runs a task as soon
as it is enqueued, in the same process; ``TASKS_BACKEND=database`` stores it for
``python manage.py db_worker`` (django-tasks-db). Arguments are plain JSON (ids, not objects), as a
stored task needs.
"""

from django_tasks import task

from . import notifications


@task()
def send_notification(kind, registration_id):
    notifications.send(kind, registration_id)
